/*
 * An LD_PRELOAD shim that makes I/O on one file fail, to test how seatbelt behaves when the disk
 * does: write() or fsync() on the file named by FAULT_PATH fails with the errno named by
 * FAULT_WRITE / FAULT_FSYNC (EIO, ENOSPC, EDQUOT), or FAULT_SHORT=1 makes the disk fill up in the
 * middle of a write: the first write() stores half its bytes, every later one fails with ENOSPC
 * (libuv retries a partial write, so a single halved write() would just be completed).
 * Built by test/faults/io-errors.test.ts with the system C compiler.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

static int errno_named(const char *name) {
  if (!name) return 0;
  if (!strcmp(name, "EIO")) return EIO;
  if (!strcmp(name, "ENOSPC")) return ENOSPC;
  if (!strcmp(name, "EDQUOT")) return EDQUOT;
  return EIO;
}

static int is_target(int fd) {
  const char *target = getenv("FAULT_PATH");
  if (!target || fd < 0) return 0;
  char link[64], path[PATH_MAX];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, path, sizeof path - 1);
  if (n < 0) return 0;
  path[n] = 0;
  return strcmp(path, target) == 0;
}

ssize_t write(int fd, const void *buf, size_t count) {
  static ssize_t (*real)(int, const void *, size_t);
  if (!real) real = dlsym(RTLD_NEXT, "write");
  if (is_target(fd)) {
    const char *e = getenv("FAULT_WRITE");
    if (e) {
      errno = errno_named(e);
      return -1;
    }
    if (getenv("FAULT_SHORT") && count > 1) {
      static int filled = 0;
      if (filled) {
        errno = ENOSPC;
        return -1;
      }
      filled = 1;
      return real(fd, buf, count / 2);
    }
  }
  return real(fd, buf, count);
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt) {
  static ssize_t (*real)(int, const struct iovec *, int);
  if (!real) real = dlsym(RTLD_NEXT, "writev");
  if (is_target(fd) && getenv("FAULT_WRITE")) {
    errno = errno_named(getenv("FAULT_WRITE"));
    return -1;
  }
  return real(fd, iov, iovcnt);
}

int fsync(int fd) {
  static int (*real)(int);
  if (!real) real = dlsym(RTLD_NEXT, "fsync");
  if (is_target(fd) && getenv("FAULT_FSYNC")) {
    errno = errno_named(getenv("FAULT_FSYNC"));
    return -1;
  }
  return real(fd);
}

int fdatasync(int fd) {
  static int (*real)(int);
  if (!real) real = dlsym(RTLD_NEXT, "fdatasync");
  if (is_target(fd) && getenv("FAULT_FSYNC")) {
    errno = errno_named(getenv("FAULT_FSYNC"));
    return -1;
  }
  return real(fd);
}
