/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A TCP stream for libgit2 whose connect, read and write wait with poll()
 * no longer than the calling thread's deadline.  libgit2 1.5 has no server
 * time-out (GIT_OPT_SET_SERVER_TIMEOUT came in 1.7) and its own socket
 * stream blocks in recv() for ever on a server that accepts and never
 * answers; TLS (OpenSSL/mbedTLS) and SSH streams are built on the
 * registered standard stream, so they get the deadline too.
 */
#include "git/mirror_int.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <git2/sys/stream.h>

#include "core/xalloc.h"
#include "core/banned.h"

static _Thread_local int64_t deadline;
static _Thread_local bool timed_out;

struct tcp_stream {
	git_stream parent;
	char *host;
	char *port;
	int fd;
};

int64_t mirror_clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void mirror_stream_deadline_set(int64_t deadline_ms)
{
	deadline = deadline_ms;
	timed_out = false;
}

bool mirror_stream_timed_out(void)
{
	return timed_out;
}

/* Wait for `events` on fd until the deadline: 1 ready, 0 timed out. */
static int wait_fd(int fd, short events)
{
	struct pollfd pfd = { .fd = fd, .events = events };

	for (;;) {
		int ms = -1;
		int n;

		if (deadline > 0) {
			int64_t left = deadline - mirror_clock_ms();

			if (left <= 0)
				break;
			ms = left > 60000 ? 60000 : (int)left;
		}
		n = poll(&pfd, 1, ms);
		if (n > 0)
			return 1;
		if (n < 0 && errno != EINTR) {
			git_error_set(GIT_ERROR_OS, "poll failed: %s",
				      strerror(errno));
			return -1;
		}
	}
	timed_out = true;
	git_error_set_str(GIT_ERROR_NET, "network operation timed out");
	return 0;
}

static int try_connect(const struct addrinfo *ai)
{
	int fd = socket(ai->ai_family,
			ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
			ai->ai_protocol);
	int soerr = 0;
	socklen_t len = sizeof(soerr);

	if (fd < 0)
		return -errno;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
		return fd;
	if (errno != EINPROGRESS) {
		soerr = errno;
		goto fail;
	}
	if (wait_fd(fd, POLLOUT) <= 0) {
		close(fd);
		return -ETIMEDOUT;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) < 0)
		soerr = errno;
	if (soerr == 0)
		return fd;
fail:
	close(fd);
	return -soerr;
}

static int tcp_connect(git_stream *s)
{
	struct tcp_stream *ts = (struct tcp_stream *)s;
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM };
	struct addrinfo *res = NULL;
	int rc = -ECONNREFUSED;
	int gai;

	gai = getaddrinfo(ts->host, ts->port, &hints, &res);
	if (gai != 0) {
		git_error_set(GIT_ERROR_NET,
			      "failed to resolve address for %s: %s", ts->host,
			      gai_strerror(gai));
		return -1;
	}
	for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
		rc = try_connect(ai);
		if (rc >= 0 || timed_out)
			break;
	}
	freeaddrinfo(res);
	if (rc < 0) {
		if (!timed_out)
			git_error_set(GIT_ERROR_NET,
				      "failed to connect to %s: %s", ts->host,
				      strerror(-rc));
		return -1;
	}
	ts->fd = rc;
	return 0;
}

static ssize_t tcp_read(git_stream *s, void *data, size_t len)
{
	struct tcp_stream *ts = (struct tcp_stream *)s;
	ssize_t n;

	for (;;) {
		if (wait_fd(ts->fd, POLLIN) <= 0)
			return -1;
		n = recv(ts->fd, data, len, 0);
		if (n >= 0)
			return n;
		if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)
			break;
	}
	git_error_set(GIT_ERROR_NET, "error receiving data from %s: %s",
		      ts->host, strerror(errno));
	return -1;
}

static ssize_t tcp_write(git_stream *s, const char *data, size_t len, int flags)
{
	struct tcp_stream *ts = (struct tcp_stream *)s;
	ssize_t n;

	(void)flags;
	for (;;) {
		if (wait_fd(ts->fd, POLLOUT) <= 0)
			return -1;
		n = send(ts->fd, data, len, MSG_NOSIGNAL);
		if (n >= 0)
			return n;
		if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)
			break;
	}
	git_error_set(GIT_ERROR_NET, "error sending data to %s: %s", ts->host,
		      strerror(errno));
	return -1;
}

static int tcp_close(git_stream *s)
{
	struct tcp_stream *ts = (struct tcp_stream *)s;

	if (ts->fd >= 0)
		close(ts->fd);
	ts->fd = -1;
	return 0;
}

static void tcp_free(git_stream *s)
{
	struct tcp_stream *ts = (struct tcp_stream *)s;

	tcp_close(s);
	free(ts->host);
	free(ts->port);
	free(ts);
}

static int tcp_new(git_stream **out, const char *host, const char *port)
{
	struct tcp_stream *ts = oh_xcalloc(1, sizeof(*ts));

	ts->parent.version = GIT_STREAM_VERSION;
	ts->parent.connect = tcp_connect;
	ts->parent.read = tcp_read;
	ts->parent.write = tcp_write;
	ts->parent.close = tcp_close;
	ts->parent.free = tcp_free;
	ts->host = oh_xstrdup(host);
	ts->port = oh_xstrdup(port);
	ts->fd = -1;
	*out = &ts->parent;
	return 0;
}

int mirror_stream_register(void)
{
	git_stream_registration reg = {
		.version = GIT_STREAM_VERSION,
		.init = tcp_new,
	};

	return git_stream_register(GIT_STREAM_STANDARD, &reg);
}
