#ifndef PRUEFSTAND_SHIMS_H
#define PRUEFSTAND_SHIMS_H
#include <stddef.h>

/// Process-wide SQLite settings that C variadics make unreachable from Swift. Must run before
/// SQLite initialises (before the first connection opens); returns 0 on success, else the SQLite code.
int pf_sqlite_configure(void);

/// SHA-256 through OpenSSL's libcrypto (SHA-NI / AVX2 code paths, about 2 GB/s).
typedef struct pf_sha256 pf_sha256;
pf_sha256 *pf_sha256_new(void);
/// Returns 1 on success.
int pf_sha256_update(pf_sha256 *ctx, const void *data, size_t count);
/// Writes the 32-byte digest; returns 1 on success. The context is finished afterwards.
int pf_sha256_final(pf_sha256 *ctx, unsigned char *digest32);
void pf_sha256_free(pf_sha256 *ctx);

/// Starts writing the file's dirty pages to disk without waiting (Linux `sync_file_range` with
/// `SYNC_FILE_RANGE_WRITE`); returns 0, or -1 with errno. Does nothing on other systems.
int pf_start_writeback(int fd);

/// Asks the CPU to bring the cache line at `p` in (the import's Bloom filter probes ahead).
static inline void pf_prefetch(const void *p) { __builtin_prefetch(p, 1, 3); }

#endif
