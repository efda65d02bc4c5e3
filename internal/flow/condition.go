package flow

import (
	"fmt"
	"sync"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"
)

// condEnv is what a choice condition sees. Conditions are compiled and type-checked
// against it, e.g. `form.amount > 100000 && outcome == "approve"` or
// `rounds["review"] >= 2` or `outcomes["legal"] == "reject"`.
type condEnv struct {
	Form     map[string]any    `expr:"form"`
	Outcome  string            `expr:"outcome"`
	Outcomes map[string]string `expr:"outcomes"`
	Rounds   map[string]int    `expr:"rounds"`
}

type compiled struct {
	prog *vm.Program
	err  error
}

// programs memoises compiled conditions by source text: the same condition appears in
// every case of a process, and compiling costs far more than running. The cache is
// dropped whole when it grows past maxPrograms, which keeps it bounded without
// bookkeeping.
var programs = struct {
	sync.Mutex
	m map[string]compiled
}{m: make(map[string]compiled)}

const maxPrograms = 4096

// compileCondition compiles a condition to a boolean program.
func compileCondition(src string) (*vm.Program, error) {
	programs.Lock()
	c, ok := programs.m[src]
	programs.Unlock()
	if ok {
		return c.prog, c.err
	}
	prog, err := expr.Compile(src, expr.Env(condEnv{}), expr.AsBool())
	programs.Lock()
	if len(programs.m) >= maxPrograms {
		programs.m = make(map[string]compiled)
	}
	programs.m[src] = compiled{prog, err}
	programs.Unlock()
	return prog, err
}

// evalCondition runs a condition. A condition that fails at run time (a form field
// missing, a type mismatch in the data) counts as false, so that a choice always leaves
// by some edge — its default at worst — and a case never stalls on bad data; the error
// is reported in the choice's event.
func evalCondition(src string, env condEnv) (bool, error) {
	prog, err := compileCondition(src)
	if err != nil {
		return false, err
	}
	out, err := expr.Run(prog, env)
	if err != nil {
		return false, err
	}
	b, ok := out.(bool)
	if !ok {
		return false, fmt.Errorf("condition %q gave %T, not bool", src, out)
	}
	return b, nil
}
