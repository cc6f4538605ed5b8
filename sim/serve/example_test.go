package serve_test

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/connact/connact/sim/serve"
)

// An explorer over a folder of scenarios, here served by httptest; a
// program would give it to http.ListenAndServe on a loopback address.
func ExampleNew() {
	s, err := serve.New(serve.Options{Dir: "testdata/scenarios", MaxConcurrent: 1})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	hs := httptest.NewServer(s)
	defer hs.Close()

	r, err := http.Get(hs.URL + "/api/scenarios")
	if err != nil {
		log.Fatal(err)
	}
	defer r.Body.Close()
	var list struct{ Scenarios []string }
	if err := json.NewDecoder(r.Body).Decode(&list); err != nil {
		log.Fatal(err)
	}
	fmt.Println(list.Scenarios)
	// Output:
	// [more/filenet.yaml more/long.yaml tiny.yaml]
}
