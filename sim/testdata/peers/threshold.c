/*
 * threshold.c: the tight-C reference for the fractional threshold step
 * (Watts 2002) over a CSR graph. Compiled and run by peers.py with
 * gcc -O2; see README.md in this folder.
 *
 * Usage: threshold DIR STEPS
 *
 * DIR holds the raw little-endian arrays peers.py wrote from its scipy CSR
 * matrix: meta (int64 n, int64 nnz), indptr (int32, n+1), indices (int32,
 * nnz), theta (float32, n) and x (uint8, n: 1 = active). One step computes,
 * for every node i, the share of its neighbours active at t-1 and makes i
 * active at t if it was active or the share reaches theta_i (synchronous:
 * reads x, writes next, then swaps). Isolated nodes see a share of 0.
 *
 * The program runs one warm-up step and then STEPS timed steps, and prints
 * one line: the median, minimum and maximum ns per neighbour visited (ns per
 * step / nnz) over the timed steps, then the number of active nodes after
 * warm-up + STEPS steps (so that peers.py can check it against scipy's
 * result for the same number of steps).
 */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void *slurp(const char *dir, const char *name, size_t want) {
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(1);
	}
	void *buf = malloc(want ? want : 1);
	if (!buf || fread(buf, 1, want, f) != want) {
		fprintf(stderr, "%s: short read (want %zu bytes)\n", path, want);
		exit(1);
	}
	fclose(f);
	return buf;
}

static double now_ns(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void step(int64_t n, const int32_t *restrict indptr, const int32_t *restrict indices,
                 const float *restrict theta, const uint8_t *restrict x, uint8_t *restrict next) {
	for (int64_t i = 0; i < n; i++) {
		int32_t lo = indptr[i], hi = indptr[i + 1];
		int32_t c = 0;
		for (int32_t k = lo; k < hi; k++)
			c += x[indices[k]];
		int32_t d = hi - lo;
		float share = d > 0 ? (float)c / (float)d : 0.0f;
		next[i] = x[i] | (share >= theta[i]);
	}
}

static int cmp(const void *a, const void *b) {
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv) {
	if (argc != 3) {
		fprintf(stderr, "usage: %s DIR STEPS\n", argv[0]);
		return 2;
	}
	const char *dir = argv[1];
	int steps = atoi(argv[2]);
	if (steps < 1)
		steps = 1;
	int64_t *meta = slurp(dir, "meta", 2 * sizeof(int64_t));
	int64_t n = meta[0], nnz = meta[1];
	int32_t *indptr = slurp(dir, "indptr", (size_t)(n + 1) * sizeof(int32_t));
	int32_t *indices = slurp(dir, "indices", (size_t)nnz * sizeof(int32_t));
	float *theta = slurp(dir, "theta", (size_t)n * sizeof(float));
	uint8_t *x = slurp(dir, "x", (size_t)n);
	uint8_t *next = malloc((size_t)n);
	double *t = malloc((size_t)steps * sizeof(double));

	step(n, indptr, indices, theta, x, next); /* warm-up */
	uint8_t *tmp = x;
	x = next;
	next = tmp;
	for (int s = 0; s < steps; s++) {
		double t0 = now_ns();
		step(n, indptr, indices, theta, x, next);
		t[s] = now_ns() - t0;
		tmp = x;
		x = next;
		next = tmp;
	}
	qsort(t, (size_t)steps, sizeof(double), cmp);
	double med = steps % 2 ? t[steps / 2] : (t[steps / 2 - 1] + t[steps / 2]) / 2;
	int64_t active = 0;
	for (int64_t i = 0; i < n; i++)
		active += x[i];
	printf("%.6f %.6f %.6f %lld\n", med / (double)nnz, t[0] / (double)nnz,
	       t[steps - 1] / (double)nnz, (long long)active);
	return 0;
}
