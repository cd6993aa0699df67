/*
 * examples/heat.c - 2-D heat diffusion on a grid with libnumc's C API.
 *
 * A square plate starts cold with a hot patch in the middle; each step
 * applies the explicit 5-point stencil
 *     u[1:-1,1:-1] += alpha * (u[:-2,1:-1] + u[2:,1:-1] + u[1:-1,:-2]
 *                              + u[1:-1,2:] - 4 * u[1:-1,1:-1])
 * through views of one buffer. Every 100 steps it prints the total heat
 * (conserved until it reaches the edges) and the peak temperature.
 *
 * Build: cc heat.c $(pkg-config --cflags --libs numc)
 */
#include <numc.h>

#include <stdio.h>
#include <stdlib.h>

#define CHECK(call)                                                            \
  do {                                                                         \
    int rc_ = (call);                                                          \
    if (rc_ != NUMC_OK) {                                                      \
      fprintf(stderr, "%s failed: %s\n", #call, numc_last_error());            \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)

/* A view u[r0:r1, c0:c1] (negative bounds count from the end). */
static numc_array *window(const numc_array *u, int64_t r0, int64_t r1, int64_t c0,
                          int64_t c1) {
  numc_index idx[2] = {
      {NUMC_INDEX_SLICE, 1, 1, r0, r1, 1, NULL},
      {NUMC_INDEX_SLICE, 1, 1, c0, c1, 1, NULL},
  };
  numc_array *v;
  CHECK(numc_index_view(&v, u, 2, idx));
  return v;
}

static double scalar_of(numc_array *a) {
  numc_scalar s;
  CHECK(numc_item_get(&s, a, NULL));
  return s.v.f64;
}

int main(int argc, char **argv) {
  int64_t n = argc > 1 ? atoll(argv[1]) : 400;
  int steps = argc > 2 ? atoi(argv[2]) : 500;
  numc_scalar alpha = numc_weak_float(0.2), four = numc_weak_float(4.0);

  numc_array *u;
  int64_t shape[2] = {n, n};
  CHECK(numc_zeros(&u, NUMC_FLOAT64, 2, shape));
  numc_array *hot = window(u, n / 3, 2 * n / 3, n / 3, 2 * n / 3);
  numc_scalar one = numc_weak_float(1.0);
  CHECK(numc_fill(hot, &one));
  numc_release(hot);

  numc_array *center = window(u, 1, -1, 1, -1), *up = window(u, 0, -2, 1, -1),
             *down = window(u, 2, n, 1, -1), *left = window(u, 1, -1, 0, -2),
             *right = window(u, 1, -1, 2, n);
  numc_array *a_alpha, *a_four;
  CHECK(numc_from_scalar(&a_alpha, &alpha));
  CHECK(numc_from_scalar(&a_four, &four));

  for (int step = 1; step <= steps; step++) {
    /* lap = up + down + left + right - 4 * center: recorded, not run yet */
    numc_array *t1, *t2, *t3, *t4, *lap, *inc, *res;
    CHECK(numc_add(&t1, up, down));
    CHECK(numc_add(&t2, t1, left));
    CHECK(numc_add(&t3, t2, right));
    CHECK(numc_multiply(&t4, a_four, center));
    CHECK(numc_subtract(&lap, t3, t4));
    CHECK(numc_multiply(&inc, a_alpha, lap));
    /* center += inc: runs the whole stencil as one fused kernel */
    const numc_array *in[2] = {center, inc};
    CHECK(numc_ufunc(&res, NUMC_OP_ADD, 2, in, center, NUMC_DTYPE_DEFAULT,
                     NUMC_CASTING_SAME_KIND));
    numc_release(t1), numc_release(t2), numc_release(t3), numc_release(t4);
    numc_release(lap), numc_release(inc), numc_release(res);

    if (step % 100 == 0 || step == steps) {
      numc_array *total, *peak;
      CHECK(numc_sum(&total, u, -1, NULL, 0, NUMC_DTYPE_DEFAULT));
      CHECK(numc_max(&peak, u, -1, NULL, 0));
      printf("step %4d  total heat %12.6f  peak %.6f\n", step, scalar_of(total),
             scalar_of(peak));
      numc_release(total), numc_release(peak);
    }
  }
  numc_release(center), numc_release(up), numc_release(down);
  numc_release(left), numc_release(right);
  numc_release(a_alpha), numc_release(a_four), numc_release(u);
  return 0;
}
