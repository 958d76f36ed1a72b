package clean

import "testing"

func TestSplitCode(t *testing.T) {
	cases := []struct{ in, want string }{
		{"async function getUser() { try { const data = await User.find(); return data; } catch (err) { console.error(err); } }",
			"async function getUser() {\n  try {\n    const data = await User.find();\n    return data;\n  } catch (err) {\n    console.error(err);\n  }\n}"},
		{"const fs = require('fs'); app.use(cors({ origin: '*' }));",
			"const fs = require('fs');\napp.use(cors({ origin: '*' }));"},
		{"app.use((req, res, next) => { console.log('x;y', req.url); next(); });",
			"app.use((req, res, next) => {\n  console.log('x;y', req.url);\n  next();\n});"},
		{"for (let i = 0; i < 3; i++) { sum += i; } done();",
			"for (let i = 0; i < 3; i++) {\n  sum += i;\n}\ndone();"},
	}
	for _, c := range cases {
		if got := splitCode(c.in, ""); got != c.want {
			t.Errorf("splitCode(%q) =\n%s\nwant\n%s", c.in, got, c.want)
		}
	}
}

func TestAnalyzeSquash(t *testing.T) {
	if a := analyzeSquash("app.use((req, res, next) => { console.log('x'); next(); // passes control to the next middleware });"); !a.swallowed {
		t.Error("comment swallowing }); not seen")
	}
	if a := analyzeSquash("db.find().limit(10); // Page 3, 10 items per page"); a.swallowed {
		t.Error("a trailing comment is not a swallowing one")
	}
	if a := analyzeSquash(`const re = /a;b/g; run();`); !a.unsafe {
		t.Error("regex literal not flagged unsafe")
	}
}
