//go:build !unix

package fact_test

import "time"

// cpuTime is unknown here; the benchmark then reports no cpu-MB/s.
func cpuTime() time.Duration { return 0 }
