// Prints the version of each module named on the command line, as JSON, as the module of the folder it
// runs in requires it (`go list -m`). Run there with `go run`.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

func main() {
	found := map[string]string{}
	for _, module := range os.Args[1:] {
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Version}}", module).Output()
		if version := strings.TrimSpace(string(out)); err == nil && version != "" {
			found[module] = version
		}
	}
	encoded, _ := json.Marshal(found)
	fmt.Println(string(encoded))
}
