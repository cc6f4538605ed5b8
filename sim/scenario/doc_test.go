package scenario

import (
	"fmt"
	"strings"
)

// defaultsTable renders defaultRules as the table in doc.go.
func defaultsTable() string {
	var b strings.Builder
	for _, r := range defaultRules {
		fmt.Fprintf(&b, "//\t%-28s %s\n", r.Path, r.Default)
	}
	return b.String()
}
