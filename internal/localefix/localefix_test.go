package localefix

import "testing"

func TestApply(t *testing.T) {
	for _, c := range []struct {
		in, want map[string]string
	}{
		{map[string]string{"LANG": "C.UTF-8"}, map[string]string{"LANG": "C"}},
		{map[string]string{"LANG": "C"}, map[string]string{"LANG": "C"}},
		{map[string]string{"LANG": "POSIX.UTF-8", "LANGUAGE": "zh_CN"}, map[string]string{"LANG": "C", "LANGUAGE": "zh_CN"}},
		{map[string]string{"LC_ALL": "C.utf8", "LANG": "zh_CN.UTF-8"}, map[string]string{"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}},
		{map[string]string{"LANG": "zh_CN.GB18030"}, map[string]string{"LANG": "zh_CN.GB18030"}},
		{map[string]string{"LANG": "en_US.UTF-8", "LANGUAGE": "C.UTF-8:zh_CN:en"}, map[string]string{"LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"}},
		{map[string]string{"LANG": "de_DE@euro", "LANGUAGE": "C"}, map[string]string{"LANG": "de_DE@euro"}},
		{map[string]string{"LANG": "es_419.UTF-8"}, map[string]string{"LANG": "es_419.UTF-8"}},
		{map[string]string{}, map[string]string{}},
	} {
		env := map[string]string{}
		for k, v := range c.in {
			env[k] = v
		}
		Apply(func(k string) string { return env[k] },
			func(k, v string) error { env[k] = v; return nil },
			func(k string) error { delete(env, k); return nil })
		if len(env) != len(c.want) {
			t.Errorf("%v → %v, want %v", c.in, env, c.want)
			continue
		}
		for k, v := range c.want {
			if env[k] != v {
				t.Errorf("%v → %v, want %v", c.in, env, c.want)
			}
		}
	}
}
