/* pool.c: helper threads for the native products (pool.h). A job is a number of blocks (row blocks of C) that the caller
 * and the helpers claim one at a time from a shared counter, so a helper the OS has not scheduled delays nothing: the caller
 * runs the blocks nobody took. A time loop issues products microseconds apart, so helpers spin on the job number for a while
 * before sleeping on a condition variable. Each block writes its own rows of C: results do not depend on who ran it. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include "pool.h"

#define SPIN 100000 /* polls before a helper sleeps */

struct pool {
  int helpers;
  pthread_t *threads;
  pthread_mutex_t mu;
  pthread_cond_t wake;
  /* the job number (high 32 bits) and the next unclaimed block (low 32 bits): a claim is a compare-and-swap that also checks
   * the job is still the one the claimer read `fn`, `ctx`, `blocks` for */
  _Atomic uint64_t claim;
  atomic_int finished; /* blocks of the current job done */
  atomic_int sleeping; /* helpers waiting on `wake` */
  atomic_int quit;
  pool_fn *fn;
  void *ctx;
  int blocks;
};

/* claims and runs blocks of the job `claim` names until none is left or the job changed */
static void work(struct pool *p) {
  for (;;) {
    uint64_t v = atomic_load(&p->claim);
    pool_fn *fn = p->fn;
    void *ctx = p->ctx;
    const int blocks = p->blocks;
    if ((int)(uint32_t)v >= blocks) return;
    if (!atomic_compare_exchange_weak(&p->claim, &v, v + 1)) continue;
    fn(ctx, (int)(uint32_t)v, blocks);
    atomic_fetch_add(&p->finished, 1);
  }
}

static void *helper_main(void *arg) {
  struct pool *p = arg;
  uint32_t seen = 0; /* the pool starts at job 0, before any run: a job posted before this thread starts is still new */
  for (;;) {
    int polls = 0;
    while ((uint32_t)(atomic_load(&p->claim) >> 32) == seen && !atomic_load(&p->quit)) {
      if (++polls < SPIN) continue;
      pthread_mutex_lock(&p->mu);
      atomic_fetch_add(&p->sleeping, 1);
      while ((uint32_t)(atomic_load(&p->claim) >> 32) == seen && !atomic_load(&p->quit)) pthread_cond_wait(&p->wake, &p->mu);
      atomic_fetch_sub(&p->sleeping, 1);
      pthread_mutex_unlock(&p->mu);
      polls = 0;
    }
    if (atomic_load(&p->quit)) return NULL;
    seen = (uint32_t)(atomic_load(&p->claim) >> 32);
    work(p);
  }
}

struct pool *pool_new(int helpers) {
  struct pool *p = calloc(1, sizeof *p);
  if (p == NULL) return NULL;
  p->threads = calloc((size_t)helpers, sizeof *p->threads);
  if (p->threads == NULL) { free(p); return NULL; }
  pthread_mutex_init(&p->mu, NULL);
  pthread_cond_init(&p->wake, NULL);
  for (int q = 0; q < helpers; q++) {
    if (pthread_create(&p->threads[q], NULL, helper_main, p) != 0) break;
    p->helpers++;
  }
  if (p->helpers == 0) { pool_free(p); return NULL; }
  return p;
}

int pool_helpers(const struct pool *p) { return p == NULL ? 0 : p->helpers; }

void pool_run(struct pool *p, pool_fn *fn, void *ctx, int blocks) {
  p->fn = fn;
  p->ctx = ctx;
  p->blocks = blocks;
  atomic_store(&p->finished, 0);
  const uint64_t job = (atomic_load(&p->claim) >> 32) + 1;
  atomic_store(&p->claim, (job & 0xffffffffu) << 32); /* publishes fn, ctx, blocks; ordered before the read of `sleeping` */
  if (atomic_load(&p->sleeping) > 0) {
    pthread_mutex_lock(&p->mu);
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->mu);
  }
  work(p);
  while (atomic_load(&p->finished) < blocks) { /* a helper finishes the block it claimed */ }
}

void pool_free(struct pool *p) {
  if (p == NULL) return;
  atomic_store(&p->quit, 1);
  pthread_mutex_lock(&p->mu);
  pthread_cond_broadcast(&p->wake);
  pthread_mutex_unlock(&p->mu);
  for (int q = 0; q < p->helpers; q++) pthread_join(p->threads[q], NULL);
  pthread_mutex_destroy(&p->mu);
  pthread_cond_destroy(&p->wake);
  free(p->threads);
  free(p);
}
