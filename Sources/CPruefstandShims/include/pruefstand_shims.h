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

/// What `pf_zip_check_entry` found.
enum {
    PF_ZIP_OK = 0,
    /// The deflate data is invalid or ends before its last block.
    PF_ZIP_BAD_DATA = 1,
    /// The entry inflates to more or fewer bytes than its directory entry declares.
    PF_ZIP_WRONG_SIZE = 2,
    /// The inflated bytes do not have the declared CRC-32.
    PF_ZIP_WRONG_CRC = 3,
    /// Neither stored (0) nor deflated (8), or zlib could not start (memory).
    PF_ZIP_UNSUPPORTED = 4,
};

/// One ZIP entry as inflated: where it lies, its lengths and CRC-32, its first 512 and last 64 bytes.
typedef struct {
    unsigned long long local_header_offset, data_offset, compressed, uncompressed;
    unsigned int crc32;
    unsigned char head[512];
    size_t head_len;
    unsigned char tail[64];
    size_t tail_len;
} pf_zip_followed;

/// Inflates one ZIP entry's data (`method` 0 stored or 8 deflated, `compressed` bytes at `data`) through
/// zlib into a small reused buffer and checks that it is `declared` bytes long with CRC-32 `crc`;
/// `result` gets its lengths, CRC, first and last bytes. Returns one of the `PF_ZIP_` codes.
int pf_zip_check_entry(const unsigned char *data, size_t compressed, int method,
                       unsigned long long declared, unsigned int crc, pf_zip_followed *result);

/// Follows a ZIP file on a thread of its own while this process writes it front to back (libxlsxwriter
/// in `workbook_close`), inflating each deflated entry as its bytes arrive. NULL if it cannot start.
typedef struct pf_zip_follower pf_zip_follower;
pf_zip_follower *pf_zip_follow_start(const char *path);
/// Tells the follower the file is complete, waits for it, and returns the entries it inflated to the
/// end (in file order; valid until `pf_zip_follow_free`).
size_t pf_zip_follow_finish(pf_zip_follower *follower, const pf_zip_followed **entries);
void pf_zip_follow_free(pf_zip_follower *follower);

#endif
