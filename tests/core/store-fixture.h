/* store-fixture.h — a fresh database in a temporary folder for each store test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>

#include "fascia/fascia-store.h"
#include "fascia-test-utils.h"
#include "pg-server.h"

typedef struct
{
  char        *dir;
  char        *path;
  FasciaStore *store;
} StoreFixture;

/* The atlas ids the tests may use; the real atlas is loaded by the application, which
 * hands the store the same kind of validator. */
static const char * const fixture_muscles[] = {
  "psoas-major", "psoas-minor", "iliacus", "quadratus-lumborum", "gluteus-maximus",
  "gluteus-medius", "gluteus-minimus", "piriformis", "tensor-fasciae-latae",
  "lumbar-multifidus", "iliocostalis-lumborum", "longissimus-thoracis", "latissimus-dorsi",
  "external-oblique", "serratus-posterior-inferior", "rectus-femoris", NULL
};
static const char * const fixture_techniques[] = {
  "deep-tissue-massage", "trigger-point-therapy", "myofascial-release", "pin-and-stretch",
  "side-lying-ql-release", "psoas-release", "gluteal-work", "muscle-energy-technique",
  "pnf-stretching", "kneeling-hip-flexor-stretch", "ql-side-bend-stretch",
  "figure-4-piriformis-stretch", "glute-bridge", "clamshell", "dead-bug", "bird-dog",
  "red-flags-refer-out", NULL
};
static const char * const fixture_views[] = {
  "anterior", "posterior-superficial", "posterior-deep", "lateral", NULL
};

static inline gboolean
fixture_validator (FasciaStoreIdKind  kind,
                   const char        *id,
                   gpointer           user_data)
{
  const char * const *ids = kind == FASCIA_STORE_ID_MUSCLE ? fixture_muscles
                            : kind == FASCIA_STORE_ID_TECHNIQUE ? fixture_techniques
                            : fixture_views;

  return g_strv_contains (ids, id);
}

static inline void
store_fixture_open (StoreFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->store = fascia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
  fascia_store_set_id_validator (fixture->store, fixture_validator, NULL, NULL);
}

/* SQLite: a new file in a new folder. */
static inline void
store_fixture_set_up (StoreFixture  *fixture,
                      gconstpointer  data)
{
  fixture->dir = fascia_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "fascia", "fascia.db", NULL);
  store_fixture_open (fixture);
}

/* PostgreSQL: a new database on the binary's test server; the folder is for the files a
 * test writes beside it (imports, exports). */
static inline void
store_fixture_set_up_postgresql (StoreFixture  *fixture,
                                 gconstpointer  data)
{
  fixture->dir = fascia_test_make_tmpdir ();
  fixture->path = pg_server_new_database ();
  store_fixture_open (fixture);
}

static inline void
store_fixture_tear_down (StoreFixture  *fixture,
                         gconstpointer  data)
{
  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);
  fascia_test_rm_rf (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Reopens the database, as the next start of the application would. */
static inline void
store_fixture_reopen (StoreFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);
  fixture->store = fascia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fascia_store_set_id_validator (fixture->store, fixture_validator, NULL, NULL);
}

static inline FasciaClient *
fixture_add_client (StoreFixture *fixture,
                    const char   *name)
{
  g_autoptr(GError) error = NULL;
  FasciaClient *client = fascia_client_new ();
  gboolean added;

  fascia_client_set_name (client, name);
  added = fascia_store_add_client (fixture->store, client, &error);

  g_assert_no_error (error);
  g_assert_true (added);
  g_assert_cmpint (fascia_client_get_id (client), >, 0);
  return client;
}

/* A test of what the store does, whatever its engine: registered once per engine, as
 * "/sqlite/…" and "/postgresql/…". */
#define STORE_TEST(path, func) \
  G_STMT_START { \
    g_test_add ("/sqlite" path, StoreFixture, NULL, store_fixture_set_up, func, \
                store_fixture_tear_down); \
    g_test_add ("/postgresql" path, StoreFixture, NULL, store_fixture_set_up_postgresql, func, \
                store_fixture_tear_down); \
  } G_STMT_END

/* The same, with @data for the test; @path may be built at run time. */
#define STORE_TEST_DATA(path, data, func) \
  G_STMT_START { \
    g_autofree char *store_test_sqlite_ = g_strconcat ("/sqlite", path, NULL); \
    g_autofree char *store_test_postgresql_ = g_strconcat ("/postgresql", path, NULL); \
    g_test_add (store_test_sqlite_, StoreFixture, data, store_fixture_set_up, func, \
                store_fixture_tear_down); \
    g_test_add (store_test_postgresql_, StoreFixture, data, store_fixture_set_up_postgresql, \
                func, store_fixture_tear_down); \
  } G_STMT_END

/* A test of SQLite's own machinery (its file, its locks, its PRAGMAs). */
#define STORE_TEST_SQLITE(path, func) \
  g_test_add ("/sqlite" path, StoreFixture, NULL, store_fixture_set_up, func, \
              store_fixture_tear_down)
