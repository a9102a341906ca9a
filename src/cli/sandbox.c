/*
 * sandbox.c - what a process of the bilex command may still do once it reads hostile input.
 *
 * In the CLI, never in the library (an application linking libbilex chooses its own).  Set up
 * after language data, converters and Tesseract are loaded and the outputs are open, so nothing
 * legitimate is refused later (../shared/notes/security.md section 6):
 *   - workers: rlimits (address space = worker-bytes, no core files, no file growth, few
 *     descriptors), no_new_privs, Landlock with every write and execute right handled and none
 *     granted but writing to /dev/null (reading stays open: the inputs are anywhere), seccomp
 *     refusing exec, network sockets, fork and the process-tampering calls;
 *   - the parent: no_new_privs and the same seccomp rules minus fork (it starts workers).
 * Each layer is used when the kernel has it; what could not be applied is reported once by the
 * caller (cli_sandbox_* returns a description), never a reason to stop.
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/landlock.h>
#endif
#ifdef HAVE_SECCOMP
#include <seccomp.h>
#endif

static void
note(char *why, size_t len, const char *what)
{
	size_t k = strlen(why);

	if (k + 3 < len)
		snprintf(why + k, len - k, "%s%s", k ? ", " : "", what);
}

#if defined(__linux__) && defined(SYS_landlock_create_ruleset)
/* Read-only everywhere; writing only to /dev/null (Tesseract's debug_file). */
static int
landlock_readonly(void)
{
	struct landlock_ruleset_attr attr;
	struct landlock_path_beneath_attr rule;
	int abi, fd, nul;
	uint64_t handled = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE |
	    LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |
	    LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR |
	    LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK |
	    LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |
	    LANDLOCK_ACCESS_FS_MAKE_SYM;

	abi = (int)syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 1)
		return -1;
#ifdef LANDLOCK_ACCESS_FS_REFER
	if (abi >= 2)
		handled |= LANDLOCK_ACCESS_FS_REFER;
#endif
#ifdef LANDLOCK_ACCESS_FS_TRUNCATE
	if (abi >= 3)
		handled |= LANDLOCK_ACCESS_FS_TRUNCATE;
#endif
	memset(&attr, 0, sizeof(attr));
	attr.handled_access_fs = handled;
	fd = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (fd < 0)
		return -1;
	nul = open("/dev/null", O_PATH | O_CLOEXEC);
	if (nul >= 0) {
		memset(&rule, 0, sizeof(rule));
		rule.allowed_access = LANDLOCK_ACCESS_FS_WRITE_FILE;
		rule.parent_fd = nul;
		(void)syscall(SYS_landlock_add_rule, fd, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
		close(nul);
	}
	if (syscall(SYS_landlock_restrict_self, fd, 0) != 0) {
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}
#else
static int
landlock_readonly(void)
{
	return -1;
}
#endif

#ifdef HAVE_SECCOMP
/* Everything is allowed but what reading documents never needs: a denylist, because the
 * libraries in a worker (ICU, libxml2, libarchive, Tesseract with OpenMP) use a wide and
 * version-dependent set of calls that an allowlist would break on the next update. */
static int
seccomp_rules(bool worker)
{
	static const int refused[] = {
#ifndef BX_UNDER_ASAN
		/* LeakSanitizer's check at exit stops the world from a tracer task (clone
		 * without CLONE_THREAD, then ptrace): refused, it is a fatal error of every run,
		 * so a sanitizer build keeps both (the normal build is the one sandboxed) */
		SCMP_SYS(ptrace),
#endif
		SCMP_SYS(process_vm_readv), SCMP_SYS(process_vm_writev),
		SCMP_SYS(mount), SCMP_SYS(umount2), SCMP_SYS(pivot_root), SCMP_SYS(chroot),
		SCMP_SYS(unshare), SCMP_SYS(setns), SCMP_SYS(bpf), SCMP_SYS(perf_event_open),
		SCMP_SYS(kexec_load), SCMP_SYS(init_module), SCMP_SYS(finit_module),
		SCMP_SYS(delete_module), SCMP_SYS(keyctl), SCMP_SYS(add_key), SCMP_SYS(request_key),
		SCMP_SYS(userfaultfd), SCMP_SYS(personality), SCMP_SYS(connect), SCMP_SYS(bind),
		SCMP_SYS(listen), SCMP_SYS(accept), SCMP_SYS(accept4), SCMP_SYS(sendto),
		SCMP_SYS(sendmsg), SCMP_SYS(sendmmsg),
	};
	scmp_filter_ctx f = seccomp_init(SCMP_ACT_ALLOW);
	int rc = 0;

	if (f == NULL)
		return -1;
	rc |= seccomp_rule_add(f, SCMP_ACT_KILL_PROCESS, SCMP_SYS(execve), 0);
	rc |= seccomp_rule_add(f, SCMP_ACT_KILL_PROCESS, SCMP_SYS(execveat), 0);
	/* sockets: only the AF_UNIX pair to the parent, which exists already */
	rc |= seccomp_rule_add(f, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(socket), 1,
	    SCMP_A0(SCMP_CMP_NE, AF_UNIX));
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		rc |= seccomp_rule_add(f, SCMP_ACT_ERRNO(EPERM), refused[i], 0);
	if (worker) {
		/* threads (OpenMP) but no processes: clone3 is ENOSYS so that glibc falls back to
		 * clone, whose flags can be checked */
		rc |= seccomp_rule_add(f, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
#ifndef BX_UNDER_ASAN
		rc |= seccomp_rule_add(f, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
		    SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0));
#endif
		rc |= seccomp_rule_add(f, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(fork), 0);
		rc |= seccomp_rule_add(f, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(vfork), 0);
	}
	if (rc == 0)
		rc = seccomp_load(f);
	seccomp_release(f);
	return rc == 0 ? 0 : -1;
}
#else
static int
seccomp_rules(bool worker)
{
	(void)worker;
	return -1;
}
#endif

static void
set_limit(int which, rlim_t v)
{
	struct rlimit r = { v, v };

	(void)setrlimit(which, &r);
}

void
cli_sandbox_worker(int64_t address_space, char *missing, size_t len)
{
	missing[0] = '\0';
#ifndef BX_UNDER_ASAN
	/* the sanitizer reserves terabytes of shadow memory: no RLIMIT_AS under it */
	if (address_space > 0)
		set_limit(RLIMIT_AS, (rlim_t)address_space);
#endif
	set_limit(RLIMIT_CORE, 0);
	set_limit(RLIMIT_FSIZE, 0);   /* a worker writes no file */
	/* ...but a decoder's warning to a stderr that is a regular file (2> log) would raise
	 * SIGXFSZ and kill the worker over one libpng message: with the signal ignored the write
	 * fails with EFBIG and the input is read on */
	(void)signal(SIGXFSZ, SIG_IGN);
	set_limit(RLIMIT_NOFILE, 256);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		note(missing, len, "no_new_privs");
	if (landlock_readonly() != 0)
		note(missing, len, "landlock");
	if (seccomp_rules(true) != 0)
		note(missing, len, "seccomp");
}

void
cli_sandbox_parent(char *missing, size_t len)
{
	missing[0] = '\0';
	set_limit(RLIMIT_CORE, 0);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		note(missing, len, "no_new_privs");
	if (seccomp_rules(false) != 0)
		note(missing, len, "seccomp");
}
