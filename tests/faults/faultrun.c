/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * faultrun: osshealth with one injected fault, the way SQLite tests
 * itself (its test_vfs and malloc fault hooks).
 *
 *   faultrun [--status FILE] KIND N -- OSSHEALTH-ARGS...
 *
 * KIND is one of
 *   write  the Nth xWrite of any SQLite file fails (SQLITE_IOERR_WRITE)
 *   sync   the Nth xSync fails (SQLITE_IOERR_FSYNC)
 *   trunc  the Nth xTruncate fails (SQLITE_IOERR_TRUNCATE)
 *   alloc  the Nth oh_xmalloc/oh_xcalloc/oh_xrealloc fails, so the
 *          process takes the out-of-memory exit (status 4)
 *   read   the Nth chunk of an HTTP reply body is refused, as a failed
 *          read would be (src/net/http.c)
 *   none   nothing fails; the status file gets every counter, which is
 *          how a sweep learns how many failure points a command has
 *
 * Each fault fires once (a transient fault); the operations after it
 * succeed again.  At exit the status file (when given) gets one line:
 * "fired KIND N" when the fault was injected, "missed KIND COUNT" when
 * the command had fewer than N points of that kind; with KIND none, one
 * line "KIND COUNT" per kind.  A crash leaves no status line.
 *
 * The hooks live in this driver: a shim VFS registered as SQLite's
 * default that delegates to the real one, and the function pointers
 * oh_xalloc_fail_hook and net_http_fail_hook, which are NULL in the
 * shipped binary.  tests/cli/t16*-faults-*.sh sweep N over every point.
 */
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "net/http.h"
#include "core/banned.h"

/* src/main.c's main(), renamed when the Makefile builds it for us. */
int oh_main_entry(int argc, char **argv);

enum kind { K_WRITE, K_SYNC, K_TRUNC, K_ALLOC, K_READ, K_NONE, K_NR };

static const char *const kind_names[K_NR] = { "write", "sync", "trunc",
					      "alloc", "read", "none" };

static enum kind fault_kind = K_NONE;
static unsigned long fault_at; /* 1-based */
static atomic_ulong counter[K_NR];
static atomic_bool fired;
static const char *status_path;

/* Count one operation of `k`; true when it is the one that fails. */
static bool hit(enum kind k)
{
	unsigned long n = atomic_fetch_add(&counter[k], 1) + 1;

	if (k != fault_kind || n != fault_at)
		return false;
	atomic_store(&fired, true);
	return true;
}

static bool alloc_hook(size_t size)
{
	(void)size;
	return hit(K_ALLOC);
}

static bool read_hook(void)
{
	return hit(K_READ);
}

/* ---- the shim VFS -------------------------------------------------- */

struct shim_file {
	sqlite3_file base;
	sqlite3_file *real; /* follows this struct in the same block */
};

static sqlite3_vfs *real_vfs;

static sqlite3_file *real_of(sqlite3_file *f)
{
	return ((struct shim_file *)f)->real;
}

static int shim_close(sqlite3_file *f)
{
	return real_of(f)->pMethods->xClose(real_of(f));
}

static int shim_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	return real_of(f)->pMethods->xRead(real_of(f), buf, n, off);
}

static int shim_write(sqlite3_file *f, const void *buf, int n,
		      sqlite3_int64 off)
{
	if (hit(K_WRITE))
		return SQLITE_IOERR_WRITE;
	return real_of(f)->pMethods->xWrite(real_of(f), buf, n, off);
}

static int shim_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	if (hit(K_TRUNC))
		return SQLITE_IOERR_TRUNCATE;
	return real_of(f)->pMethods->xTruncate(real_of(f), size);
}

static int shim_sync(sqlite3_file *f, int flags)
{
	if (hit(K_SYNC))
		return SQLITE_IOERR_FSYNC;
	return real_of(f)->pMethods->xSync(real_of(f), flags);
}

static int shim_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return real_of(f)->pMethods->xFileSize(real_of(f), size);
}

static int shim_lock(sqlite3_file *f, int lock)
{
	return real_of(f)->pMethods->xLock(real_of(f), lock);
}

static int shim_unlock(sqlite3_file *f, int lock)
{
	return real_of(f)->pMethods->xUnlock(real_of(f), lock);
}

static int shim_check_lock(sqlite3_file *f, int *out)
{
	return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
}

static int shim_file_control(sqlite3_file *f, int op, void *arg)
{
	return real_of(f)->pMethods->xFileControl(real_of(f), op, arg);
}

static int shim_sector_size(sqlite3_file *f)
{
	return real_of(f)->pMethods->xSectorSize(real_of(f));
}

static int shim_device_chars(sqlite3_file *f)
{
	return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f));
}

static int shim_shm_map(sqlite3_file *f, int pg, int pgsz, int extend,
			void volatile **out)
{
	return real_of(f)->pMethods->xShmMap(real_of(f), pg, pgsz, extend, out);
}

static int shim_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return real_of(f)->pMethods->xShmLock(real_of(f), offset, n, flags);
}

static void shim_shm_barrier(sqlite3_file *f)
{
	real_of(f)->pMethods->xShmBarrier(real_of(f));
}

static int shim_shm_unmap(sqlite3_file *f, int delete_flag)
{
	return real_of(f)->pMethods->xShmUnmap(real_of(f), delete_flag);
}

static int shim_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **out)
{
	return real_of(f)->pMethods->xFetch(real_of(f), off, n, out);
}

static int shim_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return real_of(f)->pMethods->xUnfetch(real_of(f), off, p);
}

static const sqlite3_io_methods shim_io = {
	.iVersion = 3,
	.xClose = shim_close,
	.xRead = shim_read,
	.xWrite = shim_write,
	.xTruncate = shim_truncate,
	.xSync = shim_sync,
	.xFileSize = shim_file_size,
	.xLock = shim_lock,
	.xUnlock = shim_unlock,
	.xCheckReservedLock = shim_check_lock,
	.xFileControl = shim_file_control,
	.xSectorSize = shim_sector_size,
	.xDeviceCharacteristics = shim_device_chars,
	.xShmMap = shim_shm_map,
	.xShmLock = shim_shm_lock,
	.xShmBarrier = shim_shm_barrier,
	.xShmUnmap = shim_shm_unmap,
	.xFetch = shim_fetch,
	.xUnfetch = shim_unfetch,
};

static int shim_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f,
		     int flags, int *out_flags)
{
	struct shim_file *sf = (struct shim_file *)f;
	int rc;

	(void)vfs;
	sf->real = (sqlite3_file *)(sf + 1);
	f->pMethods = NULL;
	rc = real_vfs->xOpen(real_vfs, name, sf->real, flags, out_flags);
	if (rc != SQLITE_OK || !sf->real->pMethods)
		return rc;
	if (sf->real->pMethods->iVersion < 3) {
		fputs("faultrun: the default VFS has old io methods\n", stderr);
		abort();
	}
	f->pMethods = &shim_io;
	return SQLITE_OK;
}

static int shim_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	(void)vfs;
	return real_vfs->xDelete(real_vfs, name, sync_dir);
}

static int shim_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int shim_full_pathname(sqlite3_vfs *vfs, const char *name, int n,
			      char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *shim_dlopen(sqlite3_vfs *vfs, const char *name)
{
	(void)vfs;
	return real_vfs->xDlOpen(real_vfs, name);
}

static void shim_dlerror(sqlite3_vfs *vfs, int n, char *msg)
{
	(void)vfs;
	real_vfs->xDlError(real_vfs, n, msg);
}

static void (*shim_dlsym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
	(void)vfs;
	return real_vfs->xDlSym(real_vfs, h, sym);
}

static void shim_dlclose(sqlite3_vfs *vfs, void *h)
{
	(void)vfs;
	real_vfs->xDlClose(real_vfs, h);
}

static int shim_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int shim_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return real_vfs->xSleep(real_vfs, us);
}

static int shim_current_time(sqlite3_vfs *vfs, double *out)
{
	(void)vfs;
	return real_vfs->xCurrentTime(real_vfs, out);
}

static int shim_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xGetLastError(real_vfs, n, out);
}

static int shim_current_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	(void)vfs;
	return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

static sqlite3_vfs shim_vfs = {
	.zName = "faultrun",
	.xOpen = shim_open,
	.xDelete = shim_delete,
	.xAccess = shim_access,
	.xFullPathname = shim_full_pathname,
	.xDlOpen = shim_dlopen,
	.xDlError = shim_dlerror,
	.xDlSym = shim_dlsym,
	.xDlClose = shim_dlclose,
	.xRandomness = shim_randomness,
	.xSleep = shim_sleep,
	.xCurrentTime = shim_current_time,
	.xGetLastError = shim_last_error,
	.xCurrentTimeInt64 = shim_current_time64,
};

static void install_vfs(void)
{
	real_vfs = sqlite3_vfs_find(NULL);
	if (!real_vfs || real_vfs->iVersion < 2) {
		fputs("faultrun: no usable default SQLite VFS\n", stderr);
		exit(99);
	}
	shim_vfs.iVersion = 2;
	shim_vfs.mxPathname = real_vfs->mxPathname;
	shim_vfs.szOsFile = (int)sizeof(struct shim_file) + real_vfs->szOsFile;
	if (sqlite3_vfs_register(&shim_vfs, 1) != SQLITE_OK) {
		fputs("faultrun: cannot register the shim VFS\n", stderr);
		exit(99);
	}
}

/* ---- status and command line --------------------------------------- */

static void write_status(void)
{
	FILE *fp;

	if (!status_path)
		return;
	fp = fopen(status_path, "w");
	if (!fp)
		return;
	if (fault_kind == K_NONE) {
		for (int k = 0; k < K_NONE; k++)
			fprintf(fp, "%s %lu\n", kind_names[k],
				atomic_load(&counter[k]));
	} else if (atomic_load(&fired)) {
		fprintf(fp, "fired %s %lu\n", kind_names[fault_kind], fault_at);
	} else {
		fprintf(fp, "missed %s %lu\n", kind_names[fault_kind],
			atomic_load(&counter[fault_kind]));
	}
	fclose(fp);
}

static _Noreturn void usage(void)
{
	fputs("usage: faultrun [--status FILE] "
	      "write|sync|trunc|alloc|read|none N -- OSSHEALTH-ARGS...\n",
	      stderr);
	exit(99);
}

int main(int argc, char **argv)
{
	int i = 1;
	char *end;
	int k;

	if (i + 1 < argc && strcmp(argv[i], "--status") == 0) {
		status_path = argv[i + 1];
		i += 2;
	}
	if (i + 2 >= argc || strcmp(argv[i + 2], "--") != 0)
		usage();
	for (k = 0; k < K_NR; k++)
		if (strcmp(argv[i], kind_names[k]) == 0)
			break;
	if (k == K_NR)
		usage();
	fault_kind = (enum kind)k;
	fault_at = strtoul(argv[i + 1], &end, 10);
	if (*end != '\0' || (fault_at == 0 && fault_kind != K_NONE))
		usage();
	i += 2;
	/* argv[i] is "--": it stands in for the program name. */
	argv[i] = argv[0];
	install_vfs();
	oh_xalloc_fail_hook = alloc_hook;
	net_http_fail_hook = read_hook;
	if (atexit(write_status) != 0)
		usage();
	return oh_main_entry(argc - i, argv + i);
}
