/*
 * pool.c - the inputs of a run, extracted by pre-forked worker processes.
 *
 * One bad file must cost one error record, never the run.  The parent walks, hands inputs to
 * N workers (forked after the language data and Tesseract are loaded, so they share those
 * pages), and reads their records back over a socket pair:
 *
 *   - throughput: each worker has QUEUE inputs handed to it, the one it reads and the next,
 *     so that it goes on while the parent writes instead of waiting for its next job;
 *   - order: records go to the collector in walk order whatever the timing.  The input at the
 *     head of the order streams straight through; the others are held (up to HOLD_MAX bytes
 *     each and HOLD_TOTAL in all, after which the parent stops reading that worker, which then
 *     blocks on its write: memory stays bounded without temporary files).  Up to WINDOW inputs
 *     may be in flight behind the head, so that one slow input (a 1,000-page TIFF to OCR)
 *     does not stop the other workers after a few small files;
 *   - failure: a worker that dies (signal, exit) or sends a malformed message is a `crash`
 *     record for its input, one killed past input-ms is `timeout`, one that ran out of its
 *     address space is `limit-memory`; what it sent before is kept; the input still gets its
 *     file record; a new worker takes its place, and the inputs queued behind the failed one,
 *     which the dead worker never started, are handed out again;
 *   - recycling: a worker is replaced once its resident memory grew by RECYCLE_GROWTH since
 *     its first input (looked at every RECYCLE_CHECK inputs), and after RECYCLE inputs in any
 *     case, so slow leaks cannot add up.  Not after a fixed 1,000 inputs: a new worker costs
 *     a fork and the copy-on-write faults of the pages it touches, a third of the time of a
 *     dump of 100-byte notes.
 *
 * A worker runs bilex_process() with a callback that encodes each record (wire.c).  Its time
 * limit is paused while the parent holds its output back (it is then waiting, not working).
 */
#include "cli.h"
#include "wire.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RECYCLE 5000             /* inputs per worker before it is replaced */
#define RECYCLE_CHECK 500        /* inputs between looks at a worker's memory */
#define RECYCLE_GROWTH (64 << 20) /* resident bytes a worker may gain before it is replaced */
#define HOLD_MAX (64u << 20)     /* bytes of records held for an input not yet at the head */
#define HOLD_TOTAL (128u << 20)  /* bytes of records held for all of them */
#define WINDOW 4096              /* inputs in flight, from the head of the order on */
#define QUEUE 2                  /* inputs handed to one worker: the one it reads, the next */
#define PATH_MAX_WIRE 65536      /* longest input path sent to a worker */
#define READ_SIZE (128u << 10)   /* bytes read from a worker at a time */

enum slot_state { SLOT_RUNNING, SLOT_DONE };

/* One input in walk order, from the moment it is handed out until its records are passed on. */
struct slot {
	uint64_t id;
	char *path;
	enum slot_state state;
	struct wbuf held;       /* framed REC messages not yet passed on */
	bool top_file_seen;     /* its top-level file record went through */
	struct slot *next;      /* in walk order */
	struct slot *retry;     /* in the list of inputs to hand out again */
};

struct worker {
	pid_t pid;
	int fd;
	struct slot *q[QUEUE];  /* q[0] the input it is reading, then the ones it will read */
	int nq;
	struct wbuf in;         /* bytes read, not yet a whole message */
	int64_t started;        /* ms, monotonic, when q[0] began; paused time added back */
	int64_t paused_at;      /* when the parent stopped reading it, 0 when reading */
	int done;               /* inputs finished */
	bool nomem;             /* it reported running out of memory */
	bool ending;            /* it said it stops (a fatal state): nothing more for it */
	bool retire;            /* it grew: replaced once its queue is done */
	int64_t rss0;           /* resident bytes after its first input, -1 if unknown */
};

struct pool {
	const struct cli_opts *o;
	bilex_ctx *ctx;
	bilex_collector *coll;
	void (*tick)(void *, int64_t); /* called with the inputs done so far */
	void *tick_arg;
	struct worker *w;
	int n;
	struct slot *head, *tail;
	int in_flight;           /* slots from head to tail */
	size_t held;             /* bytes held in all slots */
	struct slot *retry, *retry_tail; /* handed out to a worker that died before reading them */
	uint64_t next_id;
	int64_t input_ms, worker_bytes;
	struct wire_rec rec;
	bool fatal;
	char fatal_msg[256];
	int64_t files_done;
	char sandbox_missing[128];
};

static int64_t
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the worker side ---------------------------------------------------------------------- */

/* A worker sends its records in batches: one write, and one wake-up of the parent, per
 * BATCH bytes instead of per record (83,000 context switches for 200 DOCX at -j1 before).  A
 * batch also goes out when its first record is FLUSH_MS old, with the DONE of each input,
 * and from the signal handler of a dying worker, so that what an input produced before it
 * crashed or hung is still kept (a hang may lose the records of its last FLUSH_MS). */
#define BATCH (64u << 10)
#define FLUSH_MS 50

struct wctx {
	int fd;
	struct wbuf out;
	size_t committed;       /* bytes of out that are whole messages */
	int64_t first;          /* when the oldest record not yet sent was made, ms */
	bool broken;
};

static struct wctx *dying_flush; /* the worker's batch, for the signal handler */

static int
write_all(int fd, const unsigned char *p, size_t n)
{
	while (n) {
		ssize_t k = write(fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static int
flush(struct wctx *w)
{
	int rc;

	w->committed = 0; /* the signal handler must not send it a second time */
	rc = write_all(w->fd, w->out.p, w->out.len);
	w->out.len = 0;
	if (rc != 0)
		w->broken = true;
	return rc;
}

static int
worker_record(void *arg, const struct bilex_record *rec)
{
	struct wctx *w = arg;

	if (w->committed == 0)
		w->first = mono_ms();
	if (wire_put_record(&w->out, rec) != 0) {
		/* a record too large for the wire: its place is kept by an error record */
		struct bilex_error e = { NULL, NULL, "worker", "limit-bytes",
		    "a record larger than the worker protocol's message limit was left out" };
		struct bilex_record r;

		r.type = BILEX_REC_ERROR;
		r.u.error = &e;
		switch (rec->type) {
		case BILEX_REC_FILE: e.source = rec->u.file->source; e.file = rec->u.file->file; break;
		case BILEX_REC_SEGMENT:
			e.source = rec->u.segment->source;
			e.file = rec->u.segment->file;
			break;
		case BILEX_REC_PAIR: e.source = rec->u.pair->source; e.file = rec->u.pair->file; break;
		default: e.source = rec->u.error->source; e.file = rec->u.error->file; break;
		}
		if (wire_put_record(&w->out, &r) != 0)
			return 0;
	}
	w->committed = w->out.len;
	if ((w->out.len >= BATCH || mono_ms() - w->first >= FLUSH_MS) && flush(w) != 0)
		return 1; /* the parent is gone: stop */
	return 0;
}

static int
read_message(int fd, struct wbuf *b)
{
	unsigned char tmp[65536];

	for (;;) {
		int64_t len = wire_frame(b->p, b->len);

		if (len < 0)
			return -1;
		if (len > 0)
			return 0;
		ssize_t k = read(fd, tmp, sizeof(tmp));

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0 || wbuf_add(b, tmp, (size_t)k) != 0)
			return -1;
	}
}

#define EXIT_NOMEM 86 /* a worker that died near its address-space limit */

static size_t as_limit;   /* the worker's RLIMIT_AS, for the signal handler */
static size_t fault_bytes; /* worker-bytes, for the oom test hook */

/* Test hook for tests/cli/workers.sh: BILEX_WORKER_FAULT=KIND:NAME[,KIND:NAME...] makes the
 * worker misbehave on an input whose base name is NAME, so that the parent's handling of a
 * failed worker and the sandbox are tested on real processes.  Kinds: crash (SIGSEGV), hang,
 * oom (allocate until malloc fails, then abort as a careless library would), exec (run
 * /bin/true), write (create BILEX_WORKER_PROBE). */
static void
fault(const char *path)
{
	static const char *const kinds[] = { "crash:", "hang:", "oom:", "exec:", "write:" };
	const char *spec = getenv("BILEX_WORKER_FAULT"), *base = strrchr(path, '/');
	char want[300];

	base = base ? base + 1 : path;
	if (spec == NULL)
		return;
	for (int k = 0; k < 5; k++) {
		snprintf(want, sizeof(want), "%s%s", kinds[k], base);
		if (strstr(spec, want) == NULL)
			continue;
		switch (k) {
		case 0:
			raise(SIGSEGV);
			break;
		case 1:
			for (;;)
				pause();
		case 2:
			for (size_t n = 1u << 20, total = 0;; n += 1u << 20) {
				char *m = malloc(n);

				if (m == NULL)
					abort();
				/* the address-space limit is what stops it, not the pages touched:
				 * touching all of them made a loaded machine time the input out
				 * before the limit was reached (tests/cli/workers.sh) */
				m[0] = m[n - 1] = 1;
				/* no address-space limit in force (a sanitizer build): stop where
				 * it would be, as the signal handler reports it, rather than take
				 * the machine's memory until the input times out */
				total += n;
				if (as_limit == 0 && fault_bytes && total > fault_bytes)
					_exit(EXIT_NOMEM);
			}
		case 3:
			execl("/bin/true", "true", (char *)NULL);
			break; /* refused: carry on */
		case 4: {
			const char *probe = getenv("BILEX_WORKER_PROBE");
			int fd = probe ? open(probe, O_WRONLY | O_CREAT | O_TRUNC, 0600) : -1;

			if (fd >= 0) {
				(void)write(fd, "x", 1);
				close(fd);
			}
			break;
		}
		}
	}
}


/* A library that gets NULL from malloc often aborts or dereferences it.  When that happens
 * with the address space nearly used up, the cause is memory, and the parent should say so
 * (limit-memory, not crash).  Async-signal-safe: open, read, _exit only. */
static void
died(int sig)
{
	char buf[64];
	size_t pages = 0;
	int fd;
	ssize_t n;

	/* the whole messages of the batch first: the parent keeps them */
	if (dying_flush && dying_flush->committed && dying_flush->out.p)
		(void)write_all(dying_flush->fd, dying_flush->out.p, dying_flush->committed);
	dying_flush = NULL;
	fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
	n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	for (ssize_t i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; i++)
		pages = pages * 10 + (size_t)(buf[i] - '0');
	if (as_limit && pages * 4096 > as_limit / 10 * 9)
		_exit(EXIT_NOMEM);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* The worker: jobs in, records out, until the parent closes the socket. */
static void __attribute__((noreturn))
worker_main(struct pool *p, int fd)
{
	struct wctx w = { fd, { 0 }, 0, 0, false };
	struct wbuf in = { 0 };
	char *path = malloc(PATH_MAX_WIRE);
	char missing[128];
	struct rlimit rl;

	if (!p->o->no_sandbox) {
		cli_sandbox_worker(p->worker_bytes, missing, sizeof(missing));
		/* the limit in force, not the one asked for: a sanitizer build sets none (its
		 * shadow memory is terabytes of address space), and comparing that size with
		 * worker-bytes turned every crash of an ASan worker into limit-memory */
		as_limit = getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY ?
		    (size_t)rl.rlim_cur : 0;
		fault_bytes = p->worker_bytes > 0 ? (size_t)p->worker_bytes : 0;
		dying_flush = &w;
		signal(SIGABRT, died);
		signal(SIGSEGV, died);
		signal(SIGBUS, died);
	}
	bilex_set_callback(p->ctx, worker_record, &w);
	while (path && read_message(fd, &in) == 0) {
		int64_t len = wire_frame(in.p, in.len);
		uint64_t slot;
		int st;

		if (in.p[4] != WIRE_JOB ||
		    wire_get_job(in.p + 5, (size_t)len - 5, &slot, path, PATH_MAX_WIRE) != 0)
			break;
		memmove(in.p, in.p + len, in.len - (size_t)len);
		in.len -= (size_t)len;
		fault(path);
		st = bilex_process(p->ctx, path);
		if (w.broken)
			break;
		if (wire_put_done(&w.out, slot, st, (int)bilex_errcode(p->ctx),
		    st == BILEX_FATAL ? bilex_errmsg(p->ctx) : "") != 0 || flush(&w) != 0)
			break;
		/* a fatal state (out of memory) is not carried into the next input */
		if (st == BILEX_FATAL)
			break;
	}
	_exit(0); /* never exit(): stdio buffers inherited from the parent must not be flushed */
}

/* ---- the parent side ---------------------------------------------------------------------- */

static int
spawn(struct pool *p, struct worker *w)
{
	int sv[2];
	pid_t pid;

	memset(w, 0, sizeof(*w));
	w->fd = -1;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return -1;
	fflush(NULL); /* nothing buffered may be written twice */
	pid = fork();
	if (pid < 0) {
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		close(sv[0]);
		for (int i = 0; i < p->n; i++)
			if (p->w[i].fd >= 0)
				close(p->w[i].fd);
		signal(SIGPIPE, SIG_DFL);
		worker_main(p, sv[1]);
	}
	close(sv[1]);
	w->pid = pid;
	w->fd = sv[0];
	return 0;
}

/* Feeds the framed REC messages of b to the collector. */
static int
pass_on(struct pool *p, struct slot *s, const unsigned char *b, size_t n)
{
	while (n) {
		int64_t len = wire_frame(b, n);

		if (len <= 0)
			return -1;
		if (wire_get_record(&p->rec, b + 5, (size_t)len - 5) != 0)
			return -1;
		if (p->rec.rec.type == BILEX_REC_FILE && p->rec.u.file.depth == 0)
			s->top_file_seen = true;
		if (bilex_collector_feed(p->coll, &p->rec.rec) == BILEX_FATAL) {
			p->fatal = true;
			snprintf(p->fatal_msg, sizeof(p->fatal_msg), "%s", bilex_errmsg(p->ctx));
			return 0;
		}
		b += len;
		n -= (size_t)len;
	}
	return 0;
}

/* A record made by the parent for an input (walk errors, failed workers): framed and held
 * like a worker's, so the order is kept. */
struct parent_rec {
	struct pool *p;
	struct slot *s;
};

static int
parent_record(void *arg, const struct bilex_record *rec)
{
	struct parent_rec *pr = arg;
	size_t before = pr->s->held.len;

	if (wire_put_record(&pr->s->held, rec) != 0)
		return 1;
	pr->p->held += pr->s->held.len - before;
	return 0;
}

static void
file_size(const char *path, int64_t *size)
{
	FILE *f = fopen(path, "rbe");

	*size = -1;
	if (f && fseeko(f, 0, SEEK_END) == 0)
		*size = (int64_t)ftello(f);
	if (f)
		fclose(f);
}

/* Puts the failure of a worker on record for its input: the error, and the file record the
 * input did not get. */
static void
fail_slot(struct pool *p, struct slot *s, const char *code, const char *msg)
{
	struct bilex_error e = { s->path, s->path, "worker", code, msg };
	struct parent_rec pr = { p, s };
	struct bilex_record r;

	r.type = BILEX_REC_ERROR;
	r.u.error = &e;
	parent_record(&pr, &r);
	if (!s->top_file_seen) {
		struct bilex_file f;

		memset(&f, 0, sizeof(f));
		f.source = f.file = s->path;
		f.format = "unknown";
		file_size(s->path, &f.size);
		f.status = "error";
		f.confidence = f.name_confidence = -1;
		f.invalid = -1;
		f.errors = 1;
		r.type = BILEX_REC_FILE;
		r.u.file = &f;
		parent_record(&pr, &r);
		s->top_file_seen = true;
	}
	s->state = SLOT_DONE;
}

/* Puts the inputs queued behind q[0], which the worker never started, in the list of inputs
 * to hand out again (in walk order: they were queued in that order). */
static void
requeue(struct pool *p, struct worker *w)
{
	for (int i = 1; i < w->nq; i++) {
		struct slot *s = w->q[i];

		s->retry = NULL;
		if (p->retry_tail)
			p->retry_tail->retry = s;
		else
			p->retry = s;
		p->retry_tail = s;
		w->q[i] = NULL;
	}
	if (w->nq > 1)
		w->nq = 1;
}

/* Resident bytes of a process, -1 if unknown. */
static int64_t
rss_of(pid_t pid)
{
	char path[64], buf[128];
	long long pages = -1, size;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/statm", (long)pid);
	f = fopen(path, "re");
	if (f == NULL)
		return -1;
	if (fgets(buf, sizeof(buf), f) == NULL || sscanf(buf, "%lld %lld", &size, &pages) != 2)
		pages = -1;
	fclose(f);
	return pages < 0 ? -1 : pages * sysconf(_SC_PAGESIZE);
}

/* After each input: is the worker growing (a leak)? */
static void
check_growth(struct worker *w)
{
	if (w->done == 1)
		w->rss0 = rss_of(w->pid);
	else if (w->done % RECYCLE_CHECK == 0 && w->rss0 >= 0) {
		int64_t now = rss_of(w->pid);

		if (now >= 0 && now - w->rss0 > RECYCLE_GROWTH)
			w->retire = true;
	}
}

/* The worker is done with q[0]: the next one starts now. */
static void
pop(struct worker *w, int64_t now)
{
	for (int i = 1; i < w->nq; i++)
		w->q[i - 1] = w->q[i];
	if (w->nq > 0)
		w->q[--w->nq] = NULL;
	w->done++;
	w->started = now;
	w->paused_at = 0;
}

static void
reap(struct pool *p, struct worker *w, const char *why_code, const char *why)
{
	int status = 0;
	char msg[256];

	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	if (w->pid > 0) {
		if (why_code)
			kill(w->pid, SIGKILL);
		while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	requeue(p, w);
	if (w->nq) {
		const char *code = why_code;

		if (code == NULL) {
			if (w->nomem) {
				code = "limit-memory";
				snprintf(msg, sizeof(msg), "the worker ran out of its address space "
				    "(worker-bytes %lld)", (long long)p->worker_bytes);
			} else if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_NOMEM) {
				code = "limit-memory";
				snprintf(msg, sizeof(msg), "the worker died out of its address space "
				    "(worker-bytes %lld) on this input", (long long)p->worker_bytes);
			} else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS) {
				code = "crash";
				snprintf(msg, sizeof(msg), "the sandbox stopped the worker on this input "
				    "(a forbidden system call: exec or network)");
			} else if (WIFSIGNALED(status)) {
				code = "crash";
				snprintf(msg, sizeof(msg), "the worker died of signal %d (%s) on this input",
				    WTERMSIG(status), strsignal(WTERMSIG(status)));
			} else {
				code = "crash";
				snprintf(msg, sizeof(msg), "the worker ended (status %d) in this input",
				    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
			}
		} else {
			snprintf(msg, sizeof(msg), "%s", why);
		}
		fail_slot(p, w->q[0], code, msg);
		w->q[0] = NULL;
		w->nq = 0;
	}
	/* the next worker in this place starts afresh (spawn() clears the rest) */
	w->pid = 0;
	w->done = 0;
	w->nomem = w->ending = w->retire = false;
	wbuf_free(&w->in);
}

/* Handles the whole messages a worker sent. */
static int
drain(struct pool *p, struct worker *w)
{
	size_t off = 0;

	for (;;) {
		int64_t len = wire_frame(w->in.p + off, w->in.len - off);
		const unsigned char *m = w->in.p + off;

		if (len < 0)
			return -1;
		if (len == 0)
			break;
		if (m[4] == WIRE_REC && w->nq) {
			struct slot *s = w->q[0];

			if (s == p->head && s->held.len == 0) {
				if (pass_on(p, s, m, (size_t)len) != 0)
					return -1;
			} else if (wbuf_add(&s->held, m, (size_t)len) != 0) {
				return -1;
			} else {
				p->held += (size_t)len;
			}
		} else if (m[4] == WIRE_DONE && w->nq) {
			struct slot *s = w->q[0];
			uint64_t id;
			int st, code;
			char text[512];

			if (wire_get_done(m + 5, (size_t)len - 5, &id, &st, &code, text,
			    sizeof(text)) != 0 || id != s->id)
				return -1;
			if (st == BILEX_FATAL && code == BILEX_E_NOMEM)
				w->nomem = true;
			if (st == BILEX_FATAL && code != BILEX_E_NOMEM && code != BILEX_E_CALLBACK) {
				char msg[600];

				snprintf(msg, sizeof(msg), "the input stopped the worker: %s", text);
				fail_slot(p, s, "internal", msg);
			} else if (w->nomem) {
				char msg[160];

				snprintf(msg, sizeof(msg), "out of memory (worker-bytes %lld)",
				    (long long)p->worker_bytes);
				fail_slot(p, s, "limit-memory", msg);
			}
			/* a worker in a fatal state ends after this message (worker_main): what
			 * was queued behind goes to another */
			if (st == BILEX_FATAL) {
				w->ending = true;
				requeue(p, w);
			}
			s->state = SLOT_DONE;
			pop(w, mono_ms());
			check_growth(w);
		} else {
			return -1;
		}
		off += (size_t)len;
	}
	memmove(w->in.p, w->in.p + off, w->in.len - off);
	w->in.len -= off;
	return 0;
}

/* Passes on every finished input at the head of the order, and what the head has so far. */
static void
advance(struct pool *p)
{
	while (p->head && !p->fatal) {
		struct slot *s = p->head;

		if (s->held.len) {
			if (pass_on(p, s, s->held.p, s->held.len) != 0) {
				p->fatal = true;
				snprintf(p->fatal_msg, sizeof(p->fatal_msg), "corrupt held records");
			}
			p->held -= s->held.len;
			s->held.len = 0;
		}
		if (s->state != SLOT_DONE)
			break;
		if (bilex_collector_end_input(p->coll, s->path) == BILEX_FATAL) {
			p->fatal = true;
			snprintf(p->fatal_msg, sizeof(p->fatal_msg), "%s", bilex_errmsg(p->ctx));
		}
		p->files_done++;
		if (p->tick)
			p->tick(p->tick_arg, p->files_done);
		p->head = s->next;
		if (p->head == NULL)
			p->tail = NULL;
		p->in_flight--;
		wbuf_free(&s->held);
		free(s->path);
		free(s);
	}
}

static struct slot *
new_slot(struct pool *p, const char *path)
{
	struct slot *s = calloc(1, sizeof(*s));

	if (s == NULL || (s->path = strdup(path)) == NULL) {
		free(s);
		return NULL;
	}
	s->id = p->next_id++;
	s->state = SLOT_RUNNING;
	if (p->tail)
		p->tail->next = s;
	else
		p->head = s;
	p->tail = s;
	p->in_flight++;
	return s;
}

/* Next input of the walk for a worker (walk errors are put on record here). */
static int
next_input(struct pool *p, bilex_walk *walk, const char **path)
{
	bilex_code code;
	int st;

	for (;;) {
		st = bilex_walk_next(walk, path, &code);
		if (st != BILEX_OK)
			return st;
		if (p->o->shard_n > 1 && bilex_shard_of(*path, p->o->shard_n) != p->o->shard_k - 1)
			continue;
		if (code == BILEX_E_NONE)
			return BILEX_OK;
		{
			struct slot *s = new_slot(p, *path);
			struct parent_rec pr = { p, s };

			if (s == NULL)
				return BILEX_FATAL;
			bilex_set_callback(p->ctx, parent_record, &pr);
			st = bilex_report(p->ctx, *path, code, NULL);
			bilex_set_callback(p->ctx, NULL, NULL);
			s->top_file_seen = true;
			s->state = SLOT_DONE;
			if (st == BILEX_FATAL)
				return st;
		}
	}
}

/* The parent stops reading a worker whose input is not at the head when what it holds for it,
 * or for all inputs, reached its cap; the head is always read, so the order moves on. */
static bool
held_back(const struct pool *p, const struct worker *w)
{
	return w->nq && w->q[0] != p->head &&
	    (w->q[0]->held.len > HOLD_MAX || p->held > HOLD_TOTAL);
}

/* Sends the input of slot s to worker w (started when needed); false when it could not. */
static bool
give(struct pool *p, struct worker *w, struct slot *s)
{
	struct wbuf job = { 0 };
	bool ok;

	if (w->fd < 0 && spawn(p, w) != 0) {
		p->fatal = true;
		snprintf(p->fatal_msg, sizeof(p->fatal_msg), "cannot start a worker: %s",
		    strerror(errno));
		return false;
	}
	if (w->nq == 0) {
		w->started = mono_ms();
		w->paused_at = 0;
	}
	w->q[w->nq++] = s;
	ok = wire_put_job(&job, s->id, s->path) == 0 && write_all(w->fd, job.p, job.len) == 0;
	wbuf_free(&job);
	if (!ok)
		reap(p, w, "crash", "the worker could not be given its input");
	return ok;
}

static bool
can_take(const struct worker *w)
{
	return w->nq < QUEUE && !w->ending && !w->retire && w->done + w->nq < RECYCLE;
}

/* Hands out inputs until every worker has its queue full: first those to hand out again, then
 * the walk's, while the window has room. */
static void
feed(struct pool *p, bilex_walk *walk, bool *walk_done)
{
	bool more = true;

	while (more && !p->fatal) {
		more = false;
		for (int i = 0; i < p->n && !p->fatal; i++) {
			struct worker *w = &p->w[i];
			const char *path;
			struct slot *s;
			int st;

			if (!can_take(w))
				continue;
			/* a worker that queued nothing yet gets an input before any gets a second */
			if (w->nq > 0)
				for (int k = 0; k < p->n; k++)
					if (p->w[k].nq == 0 && can_take(&p->w[k]) &&
					    (p->retry || (!*walk_done && p->in_flight < WINDOW &&
					    p->held <= HOLD_TOTAL)))
						goto next;
			if (p->retry) {
				s = p->retry;
				p->retry = s->retry;
				if (p->retry == NULL)
					p->retry_tail = NULL;
				s->retry = NULL;
				give(p, w, s);
				more = true;
				continue;
			}
			if (*walk_done || p->in_flight >= WINDOW || p->held > HOLD_TOTAL)
				continue;
			st = next_input(p, walk, &path);
			if (st == BILEX_FATAL) {
				p->fatal = true;
				snprintf(p->fatal_msg, sizeof(p->fatal_msg), "%s", bilex_errmsg(p->ctx));
				break;
			}
			if (st != BILEX_OK) {
				*walk_done = true;
				break;
			}
			more = true;
			if (strlen(path) >= PATH_MAX_WIRE) {
				s = new_slot(p, path);
				if (s)
					fail_slot(p, s, "unreadable", "path too long");
				continue;
			}
			s = new_slot(p, path);
			if (s == NULL) {
				p->fatal = true;
				snprintf(p->fatal_msg, sizeof(p->fatal_msg), "out of memory");
				break;
			}
			give(p, w, s);
next:
			;
		}
	}
}

int
cli_pool_run(const struct cli_opts *o, bilex_ctx *ctx, bilex_walk *walk, bilex_collector *coll,
    int jobs, void (*tick)(void *, int64_t), void *tick_arg)
{
	struct pool p;
	struct pollfd *pfd;
	bool walk_done = false;
	int rc = 0;

	memset(&p, 0, sizeof(p));
	p.o = o;
	p.ctx = ctx;
	p.coll = coll;
	p.tick = tick;
	p.tick_arg = tick_arg;
	p.n = jobs;
	p.input_ms = bilex_get_limit(ctx, BILEX_LIMIT_INPUT_MS);
	p.worker_bytes = bilex_get_limit(ctx, BILEX_LIMIT_WORKER_BYTES);
	p.w = calloc((size_t)jobs, sizeof(*p.w));
	pfd = calloc((size_t)jobs, sizeof(*pfd));
	if (p.w == NULL || pfd == NULL) {
		free(p.w);
		free(pfd);
		return cli_fatal("out of memory");
	}
	for (int i = 0; i < jobs; i++)
		p.w[i].fd = -1;
	signal(SIGPIPE, SIG_IGN); /* a dead worker is seen on read, not as a signal */

	while (!p.fatal) {
		int64_t now, wait = 1000;
		int busy = 0;

		/* hand out inputs first: the workers go on while the parent writes */
		feed(&p, walk, &walk_done);
		advance(&p);
		if (p.fatal)
			break;

		/* wait for workers */
		now = mono_ms();
		for (int i = 0; i < jobs; i++) {
			struct worker *w = &p.w[i];

			pfd[i].fd = -1;
			pfd[i].events = 0;
			pfd[i].revents = 0;
			if (w->nq == 0)
				continue;
			busy++;
			if (held_back(&p, w)) {
				if (w->paused_at == 0)
					w->paused_at = now;
				continue;
			}
			if (w->paused_at) {
				w->started += now - w->paused_at;
				w->paused_at = 0;
			}
			pfd[i].fd = w->fd;
			pfd[i].events = POLLIN;
			if (w->started + p.input_ms - now < wait)
				wait = w->started + p.input_ms - now;
		}
		if (busy == 0) {
			if (walk_done && p.retry == NULL)
				break;
			continue;
		}
		if (wait < 0)
			wait = 0;
		if (poll(pfd, (nfds_t)jobs, (int)wait) < 0 && errno != EINTR) {
			rc = cli_fatal("poll: %s", strerror(errno));
			break;
		}
		now = mono_ms();
		for (int i = 0; i < jobs; i++) {
			struct worker *w = &p.w[i];

			if (w->nq == 0)
				continue;
			if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR)) {
				/* straight into the message buffer: records are decoded where they lie */
				ssize_t k = wbuf_reserve(&w->in, READ_SIZE) == 0 ?
				    read(w->fd, w->in.p + w->in.len, READ_SIZE) : -2;

				if (k > 0) {
					w->in.len += (size_t)k;
					if (drain(&p, w) != 0)
						reap(&p, w, "crash", "the worker sent a malformed message");
				} else if (k == -2) {
					reap(&p, w, "crash", "the worker sent a message too large");
				} else if (k == 0 || (errno != EINTR && errno != EAGAIN)) {
					reap(&p, w, NULL, NULL);
				}
			}
			if (w->nq && !w->paused_at && now - w->started > p.input_ms) {
				char msg[160];

				snprintf(msg, sizeof(msg), "the input took longer than input-ms (%lld ms); "
				    "the worker was stopped", (long long)p.input_ms);
				reap(&p, w, "timeout", msg);
			}
			/* recycled after many inputs or a fatal state */
			if (w->nq == 0 && w->fd >= 0 &&
			    (w->done >= RECYCLE || w->retire || w->nomem || w->ending))
				reap(&p, w, NULL, NULL);
		}
	}
	if (p.fatal && rc == 0)
		rc = cli_fatal("%s", p.fatal_msg);
	for (int i = 0; i < jobs; i++)
		if (p.w[i].fd >= 0 || p.w[i].pid > 0) {
			p.w[i].nq = 0;
			reap(&p, &p.w[i], NULL, NULL);
		}
	while (p.head) {
		struct slot *s = p.head;

		p.head = s->next;
		wbuf_free(&s->held);
		free(s->path);
		free(s);
	}
	wire_rec_free(&p.rec);
	free(p.w);
	free(pfd);
	return rc;
}
