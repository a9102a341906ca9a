/*
 * walk.c - the inputs of a run, in a stable order.
 *
 * Order (bilex_path_cmp): paths compared component by component, bytewise; inside a folder its
 * files come before its subfolders.  The same order sorts the top-level arguments and is what
 * `bilex merge` reproduces, so shard outputs merge into exactly one run's output.
 *
 * Links: a link is followed only when its target resolves inside the tree being walked (the
 * root argument); a link to an ancestor folder is a loop.  Both become error records in walk
 * order, as do devices, fifos and sockets, which are never opened.  The walk keeps an explicit
 * stack, so a deep tree cannot overflow the C stack.
 */
#include "bx.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int
bilex_path_cmp(const char *a, const char *b)
{
	for (;;) {
		const char *ea = strchr(a, '/'), *eb = strchr(b, '/');
		size_t la = ea ? (size_t)(ea - a) : strlen(a);
		size_t lb = eb ? (size_t)(eb - b) : strlen(b);
		int c;

		/* a file of this folder comes before anything inside a subfolder */
		if (!ea != !eb)
			return !ea ? -1 : 1;
		c = memcmp(a, b, la < lb ? la : lb);
		if (c)
			return c < 0 ? -1 : 1;
		if (la != lb)
			return la < lb ? -1 : 1;
		if (!ea)
			return 0;
		a = ea + 1;
		b = eb + 1;
	}
}

struct entry {
	char *path;
	bilex_code code;
};

struct frame {
	char *path;
	dev_t dev;
	ino_t ino;
	struct entry *subdirs;
	size_t n, i;
	size_t root;           /* index of the root this frame belongs to */
};

struct bilex_walk {
	bilex_ctx *ctx;
	struct entry *roots;
	char **root_real;      /* resolved root folders, for the inside-the-tree test */
	size_t nroots, ri;
	struct entry *files;   /* non-folder entries of the folder just read */
	size_t nfiles, fi;
	struct frame *stack;
	size_t depth, cap;
	char *current;
};

static int
entry_cmp(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;

	return bilex_path_cmp(a->path, b->path);
}

static void
free_entries(struct entry *e, size_t n, size_t from)
{
	for (size_t i = from; i < n; i++)
		free(e[i].path);
	free(e);
}

static char *
join_path(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);

	if (p == NULL)
		return NULL;
	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	return p;
}

/* A path with a trailing '/' marks a folder that is reported, not read. */
static char *
dir_marker(const char *path)
{
	size_t n = strlen(path);
	char *p = malloc(n + 2);

	if (p == NULL)
		return NULL;
	memcpy(p, path, n);
	p[n] = '/';
	p[n + 1] = '\0';
	return p;
}

int
bilex_walk_new(bilex_ctx *ctx, const char *const *paths, size_t n, bilex_walk **out)
{
	struct bilex_walk *w;
	struct stat sb;

	*out = NULL;
	w = calloc(1, sizeof(*w));
	if (w == NULL)
		return bx_fail(ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	w->ctx = ctx;
	w->roots = calloc(n ? n : 1, sizeof(*w->roots));
	w->root_real = calloc(n ? n : 1, sizeof(*w->root_real));
	if (w->roots == NULL || w->root_real == NULL) {
		bilex_walk_free(w);
		return bx_fail(ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(paths[i]);
		bool is_dir;

		/* "dump/" and "dump" are the same root */
		while (len > 1 && paths[i][len - 1] == '/')
			len--;
		is_dir = stat(paths[i], &sb) == 0 && S_ISDIR(sb.st_mode);
		/* folders sort as "name/" so that top-level files come first, as inside a folder */
		w->roots[w->nroots].path = malloc(len + 2);
		if (w->roots[w->nroots].path == NULL) {
			bilex_walk_free(w);
			return bx_fail(ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
		}
		memcpy(w->roots[w->nroots].path, paths[i], len);
		w->roots[w->nroots].path[len] = is_dir && !(len == 1 && paths[i][0] == '/') ? '/' : 0;
		w->roots[w->nroots].path[len + 1] = '\0';
		w->roots[w->nroots].code = BILEX_E_NONE;
		w->nroots++;
	}
	if (w->nroots > 1)
		qsort(w->roots, w->nroots, sizeof(*w->roots), entry_cmp);
	/* drop the sorting slash again; remove duplicates */
	for (size_t i = 0; i < w->nroots; i++) {
		size_t len = strlen(w->roots[i].path);

		if (len > 1 && w->roots[i].path[len - 1] == '/')
			w->roots[i].path[len - 1] = '\0';
	}
	*out = w;
	return BILEX_OK;
}

void
bilex_walk_free(bilex_walk *w)
{
	if (w == NULL)
		return;
	if (w->roots)
		free_entries(w->roots, w->nroots, 0);
	for (size_t i = 0; i < w->nroots && w->root_real; i++)
		free(w->root_real[i]);
	free(w->root_real);
	if (w->files)
		free_entries(w->files, w->nfiles, w->fi);
	for (size_t i = 0; i < w->depth; i++) {
		free(w->stack[i].path);
		free_entries(w->stack[i].subdirs, w->stack[i].n, w->stack[i].i);
	}
	free(w->stack);
	free(w->current);
	free(w);
}

/* Is the resolved path inside the root's resolved folder? */
static bool
inside(const char *root, const char *real)
{
	size_t n = strlen(root);

	if (strcmp(root, "/") == 0)
		return true;
	return strncmp(real, root, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

static bool
on_stack(const struct bilex_walk *w, dev_t dev, ino_t ino)
{
	for (size_t i = 0; i < w->depth; i++)
		if (w->stack[i].dev == dev && w->stack[i].ino == ino)
			return true;
	return false;
}

struct list {
	struct entry *e;
	size_t n, cap;
};

static int
list_add(struct list *l, char *path, bilex_code code)
{
	if (path == NULL)
		return BILEX_FATAL;
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 16;
		struct entry *ne = realloc(l->e, ncap * sizeof(*ne));

		if (ne == NULL) {
			free(path);
			return BILEX_FATAL;
		}
		l->e = ne;
		l->cap = ncap;
	}
	l->e[l->n].path = path;
	l->e[l->n].code = code;
	l->n++;
	return BILEX_OK;
}

/* Reads folder PATH: its files go to w->files, its subfolders to a new frame. */
static int
read_dir(struct bilex_walk *w, const char *path, size_t root, dev_t dev, ino_t ino)
{
	struct list files = { 0 }, dirs = { 0 };
	struct dirent *de;
	DIR *d;
	int st = BILEX_OK;

	d = opendir(path);
	if (d == NULL) {
		/* reported in walk order, as "path/" */
		st = list_add(&files, dir_marker(path), BILEX_E_UNREADABLE);
		goto out;
	}
	while (st == BILEX_OK && (de = readdir(d)) != NULL) {
		struct stat sb;
		char *child;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		child = join_path(path, de->d_name);
		if (child == NULL) {
			st = BILEX_FATAL;
			break;
		}
		if (lstat(child, &sb) != 0) {
			st = list_add(&files, child, BILEX_E_UNREADABLE);
			continue;
		}
		if (S_ISLNK(sb.st_mode)) {
			char *real = realpath(child, NULL);

			if (real == NULL) {
				st = list_add(&files, child, BILEX_E_UNREADABLE); /* dangling */
				continue;
			}
			if (!inside(w->root_real[root], real) || stat(real, &sb) != 0) {
				free(real);
				st = list_add(&files, child, BILEX_E_OUTSIDE);
				continue;
			}
			free(real);
			if (S_ISDIR(sb.st_mode) && (on_stack(w, sb.st_dev, sb.st_ino) ||
			    (sb.st_dev == dev && sb.st_ino == ino))) {
				st = list_add(&files, child, BILEX_E_LOOP);
				continue;
			}
		}
		if (S_ISDIR(sb.st_mode)) {
			if (on_stack(w, sb.st_dev, sb.st_ino) || (sb.st_dev == dev && sb.st_ino == ino))
				st = list_add(&files, child, BILEX_E_LOOP);
			else
				st = list_add(&dirs, child, BILEX_E_NONE);
		} else if (S_ISREG(sb.st_mode)) {
			st = list_add(&files, child, BILEX_E_NONE);
		} else {
			st = list_add(&files, child, BILEX_E_SPECIAL);
		}
	}
	closedir(d);
out:
	if (st != BILEX_OK) {
		free_entries(files.e, files.n, 0);
		free_entries(dirs.e, dirs.n, 0);
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	}
	/* qsort with a NULL base is undefined even for zero elements (UBSan says so) */
	if (files.n > 1)
		qsort(files.e, files.n, sizeof(*files.e), entry_cmp);
	if (dirs.n > 1)
		qsort(dirs.e, dirs.n, sizeof(*dirs.e), entry_cmp);
	if (w->files)
		free_entries(w->files, w->nfiles, w->fi);
	w->files = files.e;
	w->nfiles = files.n;
	w->fi = 0;
	if (w->depth == w->cap) {
		size_t ncap = w->cap ? w->cap * 2 : 16;
		struct frame *nf = realloc(w->stack, ncap * sizeof(*nf));

		if (nf == NULL) {
			free_entries(dirs.e, dirs.n, 0);
			return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
		}
		w->stack = nf;
		w->cap = ncap;
	}
	w->stack[w->depth].path = bx_strdup(path);
	w->stack[w->depth].dev = dev;
	w->stack[w->depth].ino = ino;
	w->stack[w->depth].subdirs = dirs.e;
	w->stack[w->depth].n = dirs.n;
	w->stack[w->depth].i = 0;
	w->stack[w->depth].root = root;
	w->depth++;
	return BILEX_OK;
}

static int
yield(struct bilex_walk *w, char *path, bilex_code code, const char **out, bilex_code *cout)
{
	free(w->current);
	w->current = path;
	*out = path;
	*cout = code;
	return BILEX_OK;
}

int
bilex_walk_next(bilex_walk *w, const char **path, bilex_code *code)
{
	struct stat sb;
	int st;

	*path = NULL;
	*code = BILEX_E_NONE;
	for (;;) {
		if (w->files && w->fi < w->nfiles) {
			struct entry *e = &w->files[w->fi++];

			return yield(w, e->path, e->code, path, code);
		}
		while (w->depth > 0) {
			struct frame *f = &w->stack[w->depth - 1];

			if (f->i < f->n) {
				struct entry *e = &f->subdirs[f->i++];
				size_t root = f->root;

				if (stat(e->path, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
					char *m = dir_marker(e->path);

					free(e->path);
					return yield(w, m, BILEX_E_UNREADABLE, path, code);
				}
				st = read_dir(w, e->path, root, sb.st_dev, sb.st_ino);
				free(e->path);
				if (st != BILEX_OK)
					return st;
				goto next;
			}
			free(f->path);
			free(f->subdirs);
			w->depth--;
		}
		if (w->ri >= w->nroots)
			return BILEX_WARN;
		{
			struct entry *r = &w->roots[w->ri];
			size_t root = w->ri++;
			char *p = r->path;

			r->path = NULL;
			if (stat(p, &sb) != 0)
				return yield(w, p, BILEX_E_UNREADABLE, path, code);
			if (!S_ISDIR(sb.st_mode))
				return yield(w, p, S_ISREG(sb.st_mode) ? BILEX_E_NONE : BILEX_E_SPECIAL, path,
				    code);
			w->root_real[root] = realpath(p, NULL);
			if (w->root_real[root] == NULL) {
				char *m = dir_marker(p);

				free(p);
				return yield(w, m, BILEX_E_UNREADABLE, path, code);
			}
			st = read_dir(w, p, root, sb.st_dev, sb.st_ino);
			free(p);
			if (st != BILEX_OK)
				return st;
		}
next:;
	}
}
