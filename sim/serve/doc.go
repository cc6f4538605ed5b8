// Package serve is connact's explorer in the browser: an http.Handler that
// lists the scenarios of a folder, shows a chosen scenario's key parameters
// as controls, runs it on demand and streams the run to the page.
//
// # What the page does
//
// The controls are the scenario's fields, named by the paths of connact
// run --set (population.size, frames[0].width, ...). A changed control is
// sent as the override path=value and applied by scenario.ApplySet, so the
// checks and the messages are the command line's own. A run streams, as
// server-sent events, the share active at every step of replicate 0 of
// each condition, observed with (*sim.Model).Observe while it runs, and for
// populations up to Options.NetworkView agents the network (a
// force-directed layout, Fruchterman & Reingold 1991, seeded by the
// scenario seed) and every agent's state at every step, so that the page
// animates the cascade. The whole study then runs through output.WriteRun,
// the code of connact run, into a temporary folder, and the page gets the
// mean and 95% confidence interval across replicates of the share active
// and the headline metrics. The folder's files are offered for download:
// the CSV files, the resolved scenario.yaml (connact run on it reproduces
// the run: same seeds, same bytes) and the charts, drawn by sim/plot as
// connact plot draws them.
//
// # The HTTP API
//
// The page uses these routes, which a program can use too:
//
//	GET  /api/limits                      the caps (Limits)
//	GET  /api/scenarios                   {"scenarios": [names relative to the folder]}
//	GET  /api/scenario?name=N             name, description, conditions and controls (Control)
//	POST /api/check {"name", "set"}       the scenario with overrides checked, nothing run;
//	                                      400 {"errors": [...]} with the command line's messages
//	GET  /api/run?scenario=N&set=P=V...   the run, as server-sent events (below)
//	GET  /api/runs/{id}/{file}            a file of a finished run's folder
//
// A run's events are start (conditions, their colours, steps, agents),
// network (a Layout, for small populations), step (condition, step, share
// active and, with the network, each agent's state as one digit), progress
// (runs done), bands (per condition, the mean and 95% CI of the share
// active at each step), and done (the run's id, files and headline
// metrics); or problem, with the messages, instead.
//
// # Safety
//
// Every file is read through an os.Root of the scenarios folder: names
// with "..", absolute names and symbolic links leading out of the folder
// are refused (a network file too), and nothing is written into it.
// Overrides of fields that name files or outputs (network.file, sweep,
// fit, conditions, outputs) are refused. A request is capped in agents,
// runs and steps, and at most Options.MaxConcurrent run at once; a further
// one is refused with a message, not queued. A run belongs to its
// request: when the page closes the stream, the request's context is
// cancelled and the run stops between two steps, leaving nothing behind.
// Finished runs' folders live in a temporary folder that Close removes.
// Requests that a browser marks as sent by another site's page
// (Sec-Fetch-Site: cross-site) are refused, and with
// Options.LoopbackHost so are requests for a host name that is not
// loopback (DNS rebinding).
//
// The page is plain JavaScript drawing SVG, embedded in the binary with
// go:embed; it loads nothing from elsewhere.
package serve
