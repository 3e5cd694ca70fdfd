/* pool.h: helper threads for the native products: run the blocks of one job on several cores, the caller included. */
#ifndef RNNLAB_POOL_H
#define RNNLAB_POOL_H

struct pool;
typedef void pool_fn(void *ctx, int block, int blocks);

/* a pool of `helpers` threads (NULL when threads cannot start: then run everything on the caller) */
struct pool *pool_new(int helpers);
/* runs fn(ctx, b, blocks) once for every block b < blocks, on the calling thread and the helpers (whoever claims it first),
 * and returns when all are done */
void pool_run(struct pool *p, pool_fn *fn, void *ctx, int blocks);
int pool_helpers(const struct pool *p);
/* stops and joins the helpers */
void pool_free(struct pool *p);

#endif
