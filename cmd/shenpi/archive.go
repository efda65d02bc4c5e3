package main

import (
	"archive/tar"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
)

// A backup is one tar archive, so that it travels as one file and can be
// checked or unpacked with tar alone. Its entries, in this order:
//
//	shenpi-backup.json   the manifest below, first, so a restore knows at once
//	                     whether it was handed a Shenpi backup
//	shenpi.db            the SQLite database, one consistent state of it
//	files/ab/abcd…       every uploaded file, named by its SHA-256 as under
//	                     the data directory (internal/blob)
//
// Uncompressed: uploaded files are mostly PDF and JPEG, which do not
// compress; pipe the archive through a compressor if the database is large.
const (
	manifestName = "shenpi-backup.json"
	databaseName = "shenpi.db"
	filesDir     = "files"
	backupFormat = "shenpi-backup"
	// backupVersion changes when the layout above does.
	backupVersion = 1
)

// manifest describes a backup.
type manifest struct {
	Format  string    `json:"format"`
	Version int       `json:"version"`
	Created time.Time `json:"created"`
	// Source is where the database was, without credentials.
	Source string `json:"source"`
}

// filePattern is an uploaded file's entry; its shard is the first two
// digits of its name.
var filePattern = regexp.MustCompile(`^files/([0-9a-f]{2})/([0-9a-f]{64})$`)

// fileEntry returns the SHA-256 an entry of the files names, or false.
func fileEntry(name string) (string, bool) {
	m := filePattern.FindStringSubmatch(name)
	if m == nil || !strings.HasPrefix(m[2], m[1]) {
		return "", false
	}
	return m[2], true
}

// writeManifest writes the first entry of a backup.
func writeManifest(tw *tar.Writer, m manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if err := tw.WriteHeader(regularHeader(manifestName, int64(len(b)), m.Created)); err != nil {
		return fmt.Errorf("unable to write the backup: %w", err)
	}
	if _, err := tw.Write(b); err != nil {
		return fmt.Errorf("unable to write the backup: %w", err)
	}
	return nil
}

// readManifest reads the first entry of a backup; anything else is not
// one, which is bad input.
func readManifest(tr *tar.Reader, path string) (manifest, error) {
	var m manifest
	h, err := tr.Next()
	if err != nil || h.Name != manifestName {
		return m, badInputf("%s is not a Shenpi backup (made by `shenpi backup`)", path)
	}
	if err := json.NewDecoder(io.LimitReader(tr, 1<<16)).Decode(&m); err != nil || m.Format != backupFormat {
		return m, badInputf("%s is not a Shenpi backup: its manifest cannot be read", path)
	}
	if m.Version != backupVersion {
		return m, badInputf("%s is a Shenpi backup of format version %d; this shenpi reads version %d", path, m.Version, backupVersion)
	}
	return m, nil
}

func regularHeader(name string, size int64, at time.Time) *tar.Header {
	return &tar.Header{Typeflag: tar.TypeReg, Name: name, Size: size, Mode: 0o640, ModTime: at, Format: tar.FormatPAX}
}
