#define _GNU_SOURCE
#include "pruefstand_shims.h"
#include <fcntl.h>
#include <openssl/evp.h>
#include <sqlite3.h>

int pf_start_writeback(int fd) {
#ifdef __linux__
    return sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
    (void)fd;
    return 0;
#endif
}

int pf_sqlite_configure(void) {
    // Memory statistics take a global mutex on every allocation; Pruefstand never reads them.
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

struct pf_sha256 { EVP_MD_CTX *md; };

pf_sha256 *pf_sha256_new(void) {
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    if (!md) return NULL;
    if (EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1) { EVP_MD_CTX_free(md); return NULL; }
    pf_sha256 *ctx = OPENSSL_malloc(sizeof *ctx);
    if (!ctx) { EVP_MD_CTX_free(md); return NULL; }
    ctx->md = md;
    return ctx;
}

int pf_sha256_update(pf_sha256 *ctx, const void *data, size_t count) {
    return EVP_DigestUpdate(ctx->md, data, count);
}

int pf_sha256_final(pf_sha256 *ctx, unsigned char *digest32) {
    unsigned int n = 0;
    return EVP_DigestFinal_ex(ctx->md, digest32, &n) == 1 && n == 32;
}

void pf_sha256_free(pf_sha256 *ctx) {
    if (!ctx) return;
    EVP_MD_CTX_free(ctx->md);
    OPENSSL_free(ctx);
}
