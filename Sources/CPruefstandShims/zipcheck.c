#define _GNU_SOURCE
#include "pruefstand_shims.h"
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

// The after-write check of a workbook (XlsxWorkbook+Check.swift): each part inflated once through zlib,
// its CRC-32 and length computed, its first and last bytes kept; nothing else is kept in memory.

enum { OUT = 1 << 18, CHUNK = 1 << 20 };

// One entry being inflated.
typedef struct {
    z_stream z;
    unsigned long sum;
    unsigned char *out;
    pf_zip_followed *e;
} inflater;

static int inflater_start(inflater *s, pf_zip_followed *e) {
    memset(s, 0, sizeof *s);
    memset(e, 0, sizeof *e);
    s->e = e;
    s->sum = crc32(0L, Z_NULL, 0);
    s->out = malloc(OUT);
    if (!s->out) return 0;
    if (inflateInit2(&s->z, -MAX_WBITS) != Z_OK) { free(s->out); return 0; }
    return 1;
}

// Keeps the first bytes in `head` and the last in `tail`, counts and checksums them.
static void take(pf_zip_followed *e, unsigned long *sum, const unsigned char *p, size_t n) {
    *sum = crc32_z(*sum, p, n);
    e->uncompressed += n;
    if (e->head_len < sizeof e->head) {
        size_t k = sizeof e->head - e->head_len < n ? sizeof e->head - e->head_len : n;
        memcpy(e->head + e->head_len, p, k);
        e->head_len += k;
    }
    size_t cap = sizeof e->tail;
    if (n >= cap) { memcpy(e->tail, p + n - cap, cap); e->tail_len = cap; return; }
    size_t old = e->tail_len + n > cap ? cap - n : e->tail_len;
    memmove(e->tail, e->tail + e->tail_len - old, old);
    memcpy(e->tail + old, p, n);
    e->tail_len = old + n;
}

// Inflates `n` bytes; returns Z_OK (wants more), Z_STREAM_END, or a zlib error. `limit` stops a
// stream that inflates past its declared length.
static int inflater_feed(inflater *s, const unsigned char *in, size_t n, unsigned long long limit) {
    s->z.next_in = (Bytef *)in;
    s->z.avail_in = (uInt)n;
    int rc;
    do {
        s->z.next_out = s->out;
        s->z.avail_out = OUT;
        rc = inflate(&s->z, Z_NO_FLUSH);
        size_t made = OUT - s->z.avail_out;
        if (made) take(s->e, &s->sum, s->out, made);
        if (s->e->uncompressed > limit) return Z_DATA_ERROR;
    } while (rc == Z_OK && (s->z.avail_in > 0 || s->z.avail_out == 0));
    if (rc == Z_BUF_ERROR) rc = Z_OK;   // all input used, more needed
    return rc;
}

static void inflater_end(inflater *s) {
    s->e->compressed = s->z.total_in;
    s->e->crc32 = (unsigned int)s->sum;
    inflateEnd(&s->z);
    free(s->out);
}

int pf_zip_check_entry(const unsigned char *data, size_t compressed, int method,
                       unsigned long long declared, unsigned int crc, pf_zip_followed *result) {
    if (method == 0) {
        memset(result, 0, sizeof *result);
        if ((unsigned long long)compressed != declared) return PF_ZIP_WRONG_SIZE;
        unsigned long sum = crc32(0L, Z_NULL, 0);
        take(result, &sum, data, compressed);
        result->compressed = compressed;
        result->crc32 = (unsigned int)sum;
        return result->crc32 == crc ? PF_ZIP_OK : PF_ZIP_WRONG_CRC;
    }
    if (method != 8) return PF_ZIP_UNSUPPORTED;
    inflater s;
    if (!inflater_start(&s, result)) return PF_ZIP_UNSUPPORTED;
    int rc = Z_OK;
    size_t left = compressed;
    const unsigned char *next = data;
    while (rc == Z_OK && left > 0) {
        // avail_in is 32 bits: a ZIP64 entry goes in pieces.
        size_t n = left > (1u << 30) ? (1u << 30) : left;
        rc = inflater_feed(&s, next, n, declared);
        next += n;
        left -= n;
    }
    inflater_end(&s);
    if (rc != Z_STREAM_END) return result->uncompressed > declared ? PF_ZIP_WRONG_SIZE : PF_ZIP_BAD_DATA;
    if (result->uncompressed != declared) return PF_ZIP_WRONG_SIZE;
    return result->crc32 == crc ? PF_ZIP_OK : PF_ZIP_WRONG_CRC;
}

// MARK: Following the file while it is written

// libxlsxwriter's minizip writes front to back (each entry's local header, its deflate data, the next
// entry, …, the central directory) and seeks back only to fill in a local header's CRC and sizes, which
// are not read here. So each entry can be inflated as its bytes arrive, on the second core, while the
// writer still deflates the next. What the follower finds is a hint: the check uses an entry's result
// only when offsets, sizes and CRC agree with the finished file's central directory and local header.

struct pf_zip_follower {
    pthread_t thread;
    int fd;
    atomic_int done;
    pf_zip_followed *entries;
    size_t count, capacity;
};

static uint64_t le(const unsigned char *p, int n) {
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--) v = v << 8 | p[i];
    return v;
}

// Up to `n` bytes at `at` (exactly `n` if `all`), waiting while the writer is at work; 0 when they never come.
static size_t read_at(pf_zip_follower *f, unsigned char *buf, size_t n, uint64_t at, int all) {
    size_t got = 0;
    for (;;) {
        int finished = atomic_load(&f->done);   // read before the file: after it, the file is whole
        ssize_t r = pread(f->fd, buf + got, n - got, (off_t)(at + got));
        if (r < 0) return 0;
        got += (size_t)r;
        if (got == n || (got > 0 && !all)) return got;
        if (r > 0) continue;
        if (finished) return 0;
        struct timespec pause = {0, 200000};
        nanosleep(&pause, NULL);
    }
}

static void *follow(void *arg) {
    pf_zip_follower *f = arg;
    unsigned char *in = malloc(CHUNK);
    if (!in) return NULL;
    uint64_t pos = 0;
    for (;;) {
        unsigned char h[30];
        if (!read_at(f, h, 30, pos, 1) || le(h, 4) != 0x04034b50) break;   // the central directory, or not a ZIP
        int flags = (int)le(h + 6, 2), method = (int)le(h + 8, 2);
        uint64_t start = pos + 30 + le(h + 26, 2) + le(h + 28, 2);
        if (method != 8 || (flags & 9)) break;   // stored, encrypted or with a data descriptor: left to the check
        if (f->count == f->capacity) {
            size_t cap = f->capacity ? f->capacity * 2 : 16;
            pf_zip_followed *grown = realloc(f->entries, cap * sizeof *grown);
            if (!grown) break;
            f->entries = grown;
            f->capacity = cap;
        }
        pf_zip_followed *e = &f->entries[f->count];
        inflater s;
        if (!inflater_start(&s, e)) break;
        int rc = Z_OK;
        uint64_t at = start;
        while (rc == Z_OK) {
            size_t n = read_at(f, in, CHUNK, at, 0);
            if (n == 0) break;
            rc = inflater_feed(&s, in, n, UINT64_MAX);
            at += n;
        }
        inflater_end(&s);
        if (rc != Z_STREAM_END) break;
        e->local_header_offset = pos;
        e->data_offset = start;
        f->count++;
        pos = start + e->compressed;
    }
    free(in);
    return NULL;
}

pf_zip_follower *pf_zip_follow_start(const char *path) {
    pf_zip_follower *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    f->fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    // Only a fresh, empty file (an OutputFile's temporary file): an older file's bytes are not followed.
    if (f->fd < 0 || fstat(f->fd, &st) != 0 || st.st_size != 0) { if (f->fd >= 0) close(f->fd); free(f); return NULL; }
    atomic_init(&f->done, 0);
    if (pthread_create(&f->thread, NULL, follow, f) != 0) { close(f->fd); free(f); return NULL; }
    return f;
}

size_t pf_zip_follow_finish(pf_zip_follower *f, const pf_zip_followed **entries) {
    atomic_store(&f->done, 1);
    pthread_join(f->thread, NULL);
    *entries = f->entries;
    return f->count;
}

void pf_zip_follow_free(pf_zip_follower *f) {
    if (!f) return;
    close(f->fd);
    free(f->entries);
    free(f);
}
