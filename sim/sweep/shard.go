package sweep

import (
	"fmt"
	"strconv"
	"strings"
)

// Whole reports whether the shard is the whole sweep.
func (s Shard) Whole() bool { return s.whole() }

// ParseShard reads a --shard value: "I/N" (0 ≤ I < N), or "auto", which
// takes the shard from the batch system's environment:
//
//   - Slurm job arrays: I = (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN) /
//     SLURM_ARRAY_TASK_STEP and N = SLURM_ARRAY_TASK_COUNT (so --array=0-9,
//     1-10 and 0-18:2 all work);
//   - Kubernetes Indexed Jobs: I = JOB_COMPLETION_INDEX and N = shards (the
//     --shards flag), or CONNACT_SHARDS when shards is 0.
//
// An empty spec is the whole sweep.
func ParseShard(spec string, shards int, getenv func(string) string) (Shard, error) {
	switch spec {
	case "":
		return Shard{0, 1}, nil
	case "auto":
		return autoShard(shards, getenv)
	}
	i, n, ok := strings.Cut(spec, "/")
	idx, err1 := strconv.Atoi(i)
	cnt, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || cnt < 1 || idx < 0 || idx >= cnt {
		return Shard{}, fmt.Errorf("--shard %q: expected I/N with 0 ≤ I < N (e.g. 0/4), or auto", spec)
	}
	return Shard{idx, cnt}, nil
}

func autoShard(shards int, getenv func(string) string) (Shard, error) {
	num := func(name string, def int) (int, error) {
		s := getenv(name)
		if s == "" {
			if def >= 0 {
				return def, nil
			}
			return 0, fmt.Errorf("--shard auto: %s is not set", name)
		}
		v, err := strconv.Atoi(s)
		if err != nil {
			return 0, fmt.Errorf("--shard auto: %s=%q is not a number", name, s)
		}
		return v, nil
	}
	if getenv("SLURM_ARRAY_TASK_ID") != "" {
		id, err := num("SLURM_ARRAY_TASK_ID", -1)
		if err != nil {
			return Shard{}, err
		}
		lo, err := num("SLURM_ARRAY_TASK_MIN", 0)
		if err != nil {
			return Shard{}, err
		}
		step, err := num("SLURM_ARRAY_TASK_STEP", 1)
		if err != nil {
			return Shard{}, err
		}
		count, err := num("SLURM_ARRAY_TASK_COUNT", -1)
		if err != nil {
			return Shard{}, err
		}
		// Compare before subtracting: id − lo must not wrap around.
		if step < 1 || count < 1 || id < lo || lo < 0 || (id-lo)%step != 0 || (id-lo)/step >= count {
			return Shard{}, fmt.Errorf("--shard auto: SLURM_ARRAY_TASK_ID=%d with MIN=%d, STEP=%d, COUNT=%d is not a task of the array", id, lo, step, count)
		}
		return Shard{(id - lo) / step, count}, nil
	}
	if getenv("JOB_COMPLETION_INDEX") != "" {
		id, err := num("JOB_COMPLETION_INDEX", -1)
		if err != nil {
			return Shard{}, err
		}
		if shards == 0 {
			if shards, err = num("CONNACT_SHARDS", -1); err != nil {
				return Shard{}, fmt.Errorf("--shard auto in a Kubernetes Indexed Job needs --shards N (or CONNACT_SHARDS)")
			}
		}
		if shards < 1 || id < 0 || id >= shards {
			return Shard{}, fmt.Errorf("--shard auto: JOB_COMPLETION_INDEX=%d is not in 0..%d", id, shards-1)
		}
		return Shard{id, shards}, nil
	}
	return Shard{}, fmt.Errorf("--shard auto: neither SLURM_ARRAY_TASK_ID (Slurm job array) nor JOB_COMPLETION_INDEX (Kubernetes Indexed Job) is set")
}
