package ident

import "testing"

func TestParseRegionCode(t *testing.T) {
	tests := []struct {
		in, level, parent string
		ok                bool
	}{
		{"110000", "province", "", true},
		{"820000", "province", "", true},
		{"320100", "city", "320000", true},
		{"320102", "county", "320100", true},
		{"429004", "county", "429000", true}, // 仙桃, a province-administered county-level city
		{"320102002", "township", "320102", true},
		{"441900003", "township", "441900", true}, // 东莞 towns hang under the city code
		{" 110101 ", "county", "110100", true},
		{"", "", "", false},
		{"000000", "", "", false},
		{"000000000", "", "", false},
		{"100000", "", "", false},
		{"830000", "", "", false},
		{"990000", "", "", false},
		{"32010", "", "", false},
		{"3201021", "", "", false},
		{"32010200", "", "", false},
		{"3201020021", "", "", false},
		{"32010a", "", "", false},
		{"320102000", "", "", false},
		{"320012", "", "", false},
		{"３２０１００", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := ParseRegionCode(tt.in)
			if !tt.ok {
				wantKey(t, tt.in, err, keyRegionCodeFormat)
				if c != "" {
					t.Errorf("got %q with an error", c)
				}
				return
			}
			wantKey(t, tt.in, err, "")
			if got := c.Level(); got != tt.level {
				t.Errorf("Level(%s) = %q, want %q", c, got, tt.level)
			}
			p, ok := c.Parent()
			if ok != (tt.parent != "") || string(p) != tt.parent {
				t.Errorf("Parent(%s) = %q, %v, want %q", c, p, ok, tt.parent)
			}
		})
	}
}

func TestRegionCodeParentChain(t *testing.T) {
	c := RegionCode("320102002")
	var levels []string
	for {
		levels = append(levels, c.Level())
		p, ok := c.Parent()
		if !ok {
			break
		}
		if _, err := ParseRegionCode(string(p)); err != nil {
			t.Fatalf("parent %s of %s does not parse: %v", p, c, err)
		}
		c = p
	}
	want := []string{"township", "county", "city", "province"}
	if len(levels) != len(want) {
		t.Fatalf("levels = %v, want %v", levels, want)
	}
	for i := range want {
		if levels[i] != want[i] {
			t.Fatalf("levels = %v, want %v", levels, want)
		}
	}
	if RegionCode("").Level() != "" {
		t.Error("empty code has a level")
	}
}
