package blob

import (
	"bytes"
	"path/filepath"
	"strings"
)

// Kinds of file applicants may upload, by extension, with the signature
// their content must start with. A file whose content does not match its
// extension is refused: a renamed executable is not a PDF.
var kinds = map[string]struct {
	contentType string
	magic       [][]byte
}{
	"pdf":  {"application/pdf", [][]byte{[]byte("%PDF-")}},
	"jpg":  {"image/jpeg", [][]byte{{0xFF, 0xD8, 0xFF}}},
	"jpeg": {"image/jpeg", [][]byte{{0xFF, 0xD8, 0xFF}}},
	"png":  {"image/png", [][]byte{{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}}},
	"ofd":  {"application/ofd", [][]byte{{'P', 'K', 0x03, 0x04}}}, // 版式文件 OFD is a zip
	"docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", [][]byte{{'P', 'K', 0x03, 0x04}}},
	"xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [][]byte{{'P', 'K', 0x03, 0x04}}},
	"doc":  {"application/msword", [][]byte{{0xD0, 0xCF, 0x11, 0xE0}}},
	"xls":  {"application/vnd.ms-excel", [][]byte{{0xD0, 0xCF, 0x11, 0xE0}}},
	"dwg":  {"image/vnd.dwg", [][]byte{[]byte("AC10")}}, // AutoCAD drawings (现状地形图), AC1012…AC1032
}

// Ext returns a file name's extension, lower-cased, without the dot.
func Ext(name string) string {
	return strings.ToLower(strings.TrimPrefix(filepath.Ext(name), "."))
}

// Identify returns the content type of an upload when its extension is a
// known kind and its content starts as that kind's files do.
func Identify(name string, data []byte) (string, bool) {
	k, ok := kinds[Ext(name)]
	if !ok {
		return "", false
	}
	for _, m := range k.magic {
		if bytes.HasPrefix(data, m) {
			return k.contentType, true
		}
	}
	return "", false
}
