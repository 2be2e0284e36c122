/* fascia-test-store.c: test helpers that reach into the store's worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fascia-test-store.h"

#include "fascia-store-private.h"

/* Work of the test's own that holds the store's worker connection (the one searches read
 * their found clients on) until the test lets it go, or until 20 s pass, so that a test that
 * fails does not hang. Shared by the test and the worker: each drops its reference. */
struct _FasciaTestWorkerHold
{
  GMutex   lock;
  GCond    cond;
  gboolean started;
  gboolean released;
  gboolean expired;
};

static void
hold_clear (gpointer data)
{
  FasciaTestWorkerHold *hold = data;

  g_mutex_clear (&hold->lock);
  g_cond_clear (&hold->cond);
}

static void
hold_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, hold_clear);
}

static void
hold_cb (FasciaStore  *store,
         gpointer      data,
         GCancellable *cancellable)
{
  FasciaTestWorkerHold *hold = data;
  gint64 end = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  g_mutex_lock (&hold->lock);
  hold->started = TRUE;
  g_cond_broadcast (&hold->cond);
  while (!hold->released && !hold->expired)
    hold->expired = !g_cond_wait_until (&hold->cond, &hold->lock, end);
  g_mutex_unlock (&hold->lock);
}

/* Holds @store's worker connection with work of the test's own; returns once it is held. */
FasciaTestWorkerHold *
fascia_test_hold_worker (FasciaStore *store)
{
  FasciaTestWorkerHold *hold = g_atomic_rc_box_new0 (FasciaTestWorkerHold);
  /* The worker marks its connection busy with the work's cancellable: one is needed. */
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_mutex_init (&hold->lock);
  g_cond_init (&hold->cond);
  fascia_store_run_on_counter (fascia_store_get_keeper (store), hold_cb,
                               g_atomic_rc_box_acquire (hold), hold_unref, cancellable);
  g_mutex_lock (&hold->lock);
  while (!hold->started)
    g_cond_wait (&hold->cond, &hold->lock);
  g_mutex_unlock (&hold->lock);
  return hold;
}

/* Lets the worker go and drops @hold. Returns %TRUE if the worker was still held, %FALSE if it
 * had let itself go after 20 s (the test took too long: what it saw may not have been held). */
gboolean
fascia_test_release_worker (FasciaTestWorkerHold *hold)
{
  gboolean held;

  g_mutex_lock (&hold->lock);
  held = !hold->expired;
  hold->released = TRUE;
  g_cond_broadcast (&hold->cond);
  g_mutex_unlock (&hold->lock);
  hold_unref (hold);
  return held;
}
