package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// version is set at build time: go build -ldflags "-X main.version=1.2.0".
var version = "dev"

func versionCmd(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("version", "version", stderr)
	if _, code, ok := parse(fs, args, 0); !ok {
		return code
	}
	fmt.Fprintf(stdout, "shenpi %s\n%s %s/%s\n", fullVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return exitOK
}

// fullVersion adds the commit to a development build, when Go recorded it.
func fullVersion() string {
	if version != "dev" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return version
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return version + " (" + s.Value[:12] + ")"
		}
	}
	return version
}
