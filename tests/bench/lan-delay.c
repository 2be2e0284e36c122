/* lan-delay.c — a clinic's LAN between the benchmark and its PostgreSQL server (lan-delay.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <gio/gio.h>

#include "lan-delay.h"

#define CHUNK (64 * 1024)

typedef struct
{
  gint64 due_ns;  /* CLOCK_MONOTONIC */
  gsize  len;     /* 0: the sender closed its side */
  char   data[];
} Chunk;

typedef struct
{
  int          from;
  int          to;
  gint64       delay_ns;
  GAsyncQueue *queue;
} Way;

typedef struct
{
  int     listener;
  char   *unix_socket_path;
  gint64  one_way_ns;
} Relay;

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

/* Reads what arrives and stamps it with the time it may leave. */
static gpointer
read_way (gpointer data)
{
  Way *way = data;

  for (;;)
    {
      Chunk *chunk = g_malloc (sizeof (Chunk) + CHUNK);
      ssize_t n = recv (way->from, chunk->data, CHUNK, 0);

      if (n < 0 && errno == EINTR)
        {
          g_free (chunk);
          continue;
        }
      chunk->due_ns = now_ns () + way->delay_ns;
      chunk->len = n > 0 ? (gsize) n : 0;
      g_async_queue_push (way->queue, chunk);
      if (n <= 0)
        return NULL;
    }
}

/* Passes each chunk on at its time, in order. */
static gpointer
write_way (gpointer data)
{
  Way *way = data;

  /* A sleep ends within a few microseconds of its time, not the default 50. */
  prctl (PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
  for (;;)
    {
      Chunk *chunk = g_async_queue_pop (way->queue);
      struct timespec due = { chunk->due_ns / 1000000000, chunk->due_ns % 1000000000 };
      gsize sent = 0;

      while (clock_nanosleep (CLOCK_MONOTONIC, TIMER_ABSTIME, &due, NULL) == EINTR)
        ;
      if (chunk->len == 0)
        {
          g_free (chunk);
          shutdown (way->to, SHUT_WR);
          return NULL;
        }
      while (sent < chunk->len)
        {
          ssize_t n = send (way->to, chunk->data + sent, chunk->len - sent, MSG_NOSIGNAL);

          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            break;
          sent += (gsize) n;
        }
      g_free (chunk);
    }
}

static void
start_way (int         from,
           int         to,
           gint64      delay_ns)
{
  Way *way = g_new0 (Way, 1);

  way->from = from;
  way->to = to;
  way->delay_ns = delay_ns;
  way->queue = g_async_queue_new ();
  /* Both threads live as long as the connection; the program's end ends them. */
  g_thread_unref (g_thread_new ("lan-read", read_way, way));
  g_thread_unref (g_thread_new ("lan-write", write_way, way));
}

static gpointer
accept_connections (gpointer data)
{
  Relay *relay = data;

  for (;;)
    {
      int client = accept (relay->listener, NULL, NULL);
      struct sockaddr_un addr = { .sun_family = AF_UNIX };
      int server, one = 1;

      if (client < 0)
        {
          if (errno == EINTR || errno == ECONNABORTED)
            continue;
          g_warning ("lan-delay: accept: %s", g_strerror (errno));
          return NULL;
        }
      setsockopt (client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      server = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
      g_strlcpy (addr.sun_path, relay->unix_socket_path, sizeof addr.sun_path);
      if (server < 0 || connect (server, (struct sockaddr *) &addr, sizeof addr) < 0)
        {
          g_warning ("lan-delay: %s: %s", relay->unix_socket_path, g_strerror (errno));
          if (server >= 0)
            close (server);
          close (client);
          continue;
        }
      start_way (client, server, relay->one_way_ns);
      start_way (server, client, relay->one_way_ns);
    }
}

guint16
lan_delay_start (const char *unix_socket_path,
                 guint       round_trip_us,
                 GError    **error)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t len = sizeof addr;
  Relay *relay;
  int listener;

  if (strlen (unix_socket_path) >= sizeof ((struct sockaddr_un *) NULL)->sun_path)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FILENAME_TOO_LONG,
                   "lan-delay: the socket path is too long: %s", unix_socket_path);
      return 0;
    }
  listener = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener < 0 || bind (listener, (struct sockaddr *) &addr, sizeof addr) < 0
      || listen (listener, 64) < 0
      || getsockname (listener, (struct sockaddr *) &addr, &len) < 0)
    {
      int saved = errno;

      if (listener >= 0)
        close (listener);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "lan-delay: cannot listen on 127.0.0.1: %s", g_strerror (saved));
      return 0;
    }
  relay = g_new0 (Relay, 1);
  relay->listener = listener;
  relay->unix_socket_path = g_strdup (unix_socket_path);
  relay->one_way_ns = (gint64) round_trip_us * 1000 / 2;
  g_thread_unref (g_thread_new ("lan-accept", accept_connections, relay));
  return ntohs (addr.sin_port);
}
