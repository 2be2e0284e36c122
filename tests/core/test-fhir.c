/* test-fhir.c — records out as FHIR R4 and back: the outside validator, the round trip, and
 * bundles refused whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "fascia/fascia-fhir.h"
#include "store-fixture.h"

typedef struct
{
  char        *dir;
  FasciaStore *demo;
  FasciaAtlas *atlas;
  gboolean     server;  /* the stores are databases on the test server */
} FhirFixture;

static void
fhir_set_up (FhirFixture   *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = fascia_test_make_tmpdir ();
  fixture->server = data != NULL;
  path = fixture->server ? pg_server_new_database ()
                         : g_build_filename (fixture->dir, "demo.db", NULL);
  g_assert_true (fascia_store_create_demo (path, &error));
  g_assert_no_error (error);
  fixture->demo = fascia_store_open_full (path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  fixture->atlas = g_object_ref (fascia_atlas_get_default (&error));
  g_assert_no_error (error);
}

static void
fhir_tear_down (FhirFixture   *fixture,
                gconstpointer  data)
{
  g_assert_finalize_object (fixture->demo);
  g_object_unref (fixture->atlas);
  fascia_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static FasciaStore *
empty_store (FhirFixture *fixture,
             const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture->server ? pg_server_new_database ()
                                           : g_build_filename (fixture->dir, name, NULL);
  FasciaStore *store = fascia_store_open_full (path, FASCIA_STORE_OPEN_NO_BACKUP, &error);

  g_assert_no_error (error);
  fascia_store_set_id_validator (store, fascia_fhir_atlas_has_id, fixture->atlas, NULL);
  return store;
}

static guint
n_clients (FasciaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = fascia_store_list_clients (store, NULL, FASCIA_STORE_LIST_ARCHIVED,
                                                          &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (list);
}

static GBytes *
export (FhirFixture *fixture,
        FasciaStore *store,
        gint64       client_id)
{
  g_autoptr(GError) error = NULL;
  GBytes *bundle = fascia_fhir_export (store, fixture->atlas, client_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bundle);
  return bundle;
}

static JsonObject *
parse (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_true (json_parser_load_from_data (parser, data, size, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Runs the outside validator on @bytes; returns its exit status and what it printed. */
static int
validate (FhirFixture  *fixture,
          GBytes       *bytes,
          char        **output)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "bundle.json", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "tools", "validate-fhir.js",
                                                   NULL);
  const char *node = g_getenv ("FASCIA_NODE");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { node, script, path, NULL };
  int status = -1;

  g_assert_nonnull (node);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  *output = g_strconcat (out, err, NULL);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

static void
test_validator (FhirFixture   *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) bundle = export (fixture, fixture->demo, 0);
  g_autoptr(GBytes) broken = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  GString *damaged;

  /* The validator must be there: without it this test fails, it does not skip. */
  g_assert_cmpint (validate (fixture, bundle, &output), ==, 0);
  g_test_message ("%s", output);
  g_assert_nonnull (strstr (output, "resources valid against the FHIR R4 JSON schema"));
  g_clear_pointer (&output, g_free);

  /* And it can fail: a birth date in words is no FHIR date. */
  text = g_strndup (g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle));
  damaged = g_string_new (text);
  g_assert_cmpint (g_string_replace (damaged, "\"birthDate\" : \"19", "\"birthDate\" : \"in 19", 1),
                   ==, 1);
  broken = g_string_free_to_bytes (damaged);
  g_assert_cmpint (validate (fixture, broken, &output), !=, 0);
  g_assert_nonnull (strstr (output, "birthDate"));
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* Each entry as text, sorted. */
static GPtrArray *
sorted_entries (GBytes *bytes)
{
  g_autoptr(JsonObject) bundle = parse (bytes);
  JsonArray *entries = json_object_get_array_member (bundle, "entry");
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    g_ptr_array_add (texts, json_to_string (json_array_get_element (entries, i), FALSE));
  g_ptr_array_sort (texts, compare_entries);
  return texts;
}

static void
test_round_trip (FhirFixture   *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = export (fixture, fixture->demo, 0);
  g_autoptr(FasciaStore) copy = empty_store (fixture, "copy.db");
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  guint n = 0;

  g_assert_true (fascia_fhir_import (copy, first, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, n_clients (fixture->demo));
  g_assert_cmpuint (n_clients (copy), ==, n);

  second = export (fixture, copy, 0);
  a = sorted_entries (first);
  b = sorted_entries (second);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

static void
test_contents (FhirFixture   *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = export (fixture, fixture->demo, 0);
  g_autoptr(JsonObject) bundle = parse (bytes);
  g_autoptr(GListModel) clients = fascia_store_list_clients (fixture->demo, NULL,
                                                             FASCIA_STORE_LIST_ARCHIVED, &error);
  JsonArray *entries = json_object_get_array_member (bundle, "entry");
  guint patients = 0, encounters = 0, pain = 0, scores = 0, notes = 0, snomed = 0, marks = 0;
  guint provenance = 0, amendments = 0;

  g_assert_cmpstr (json_object_get_string_member (bundle, "resourceType"), ==, "Bundle");
  for (guint i = 0; i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (clients, i);
      g_autoptr(GListModel) visits = fascia_store_list_visits (fixture->demo,
                                                               fascia_client_get_id (client),
                                                               &error);

      for (guint j = 0; j < g_list_model_get_n_items (visits); j++)
        {
          g_autoptr(FasciaVisit) visit = g_list_model_get_item (visits, j);
          g_autoptr(GListModel) changes = fascia_store_list_amendments (fixture->demo,
                                                                        fascia_visit_get_id (visit),
                                                                        &error);

          scores += (fascia_visit_get_pain_before (visit) >= 0) +
                    (fascia_visit_get_pain_after (visit) >= 0);
          amendments += g_list_model_get_n_items (changes);
        }
    }

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = json_object_get_object_member (json_array_get_object_element (entries, i),
                                                            "resource");
      const char *type = json_object_get_string_member (resource, "resourceType");
      g_autofree char *text = json_to_string (json_array_get_element (entries, i), FALSE);

      patients += g_str_equal (type, "Patient");
      encounters += g_str_equal (type, "Encounter");
      provenance += g_str_equal (type, "Provenance");
      if (g_str_equal (type, "Provenance"))
        {
          /* Its agent is the amendment's author: the computer's user, or the server's login
           * (`fascia` on the test server). */
          gboolean file = (fascia_store_get_capabilities (fixture->demo)
                           & FASCIA_STORE_CAN_MOVE_TO_SERVER) != 0;
          g_autofree char *who = g_strdup_printf ("\"who\":{\"display\":\"%s\"}",
                                                  file ? g_get_user_name () : "fascia");

          g_assert_nonnull (strstr (text, who));
        }
      notes += g_str_equal (type, "DocumentReference");
      if (g_str_equal (type, "Observation") && strstr (text, "\"code\":\"72514-3\"") != NULL)
        {
          gint64 value = json_object_get_int_member (resource, "valueInteger");

          g_assert_cmpint (value, >=, 0);
          g_assert_cmpint (value, <=, 10);
          pain++;
        }
      if (g_str_equal (type, "Observation") && strstr (text, "body chart") != NULL)
        {
          g_assert_true (json_object_has_member (resource, "bodySite"));
          marks++;
        }
      if (strstr (text, "\"system\":\"http://snomed.info/sct\"") != NULL)
        {
          /* Only the codes Fascia is sure of. */
          g_assert_true (strstr (text, "\"code\":\"206007\"") != NULL ||
                         strstr (text, "\"code\":\"78333006\"") != NULL ||
                         strstr (text, "\"code\":\"15665001\"") != NULL);
          snomed++;
        }
    }

  g_assert_cmpuint (patients, ==, g_list_model_get_n_items (clients));
  g_assert_cmpuint (encounters, >, 0);
  g_assert_cmpuint (notes, ==, encounters);
  g_assert_cmpuint (pain, ==, scores);
  g_assert_cmpuint (marks, >, 0);
  g_assert_cmpuint (snomed, >, 0);
  g_assert_cmpuint (provenance, ==, amendments);
  g_assert_cmpuint (amendments, >, 0);
}

static void
test_one_client (FhirFixture   *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) clients = fascia_store_list_clients (fixture->demo, NULL, 0, &error);
  g_autoptr(FasciaClient) client = g_list_model_get_item (clients, 3);
  g_autoptr(GBytes) bytes = export (fixture, fixture->demo, fascia_client_get_id (client));
  g_autoptr(FasciaStore) copy = empty_store (fixture, "one.db");
  g_autoptr(FasciaClient) imported = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GListModel) visits = NULL;
  g_autoptr(GListModel) original_visits = NULL;
  guint n = 0;

  g_assert_true (fascia_fhir_import (copy, bytes, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  list = fascia_store_list_clients (copy, NULL, 0, &error);
  imported = g_list_model_get_item (list, 0);
  g_assert_cmpstr (fascia_client_get_name (imported), ==, fascia_client_get_name (client));
  g_assert_cmpint (fascia_client_get_health_flags (imported), ==,
                   fascia_client_get_health_flags (client));
  visits = fascia_store_list_visits (copy, fascia_client_get_id (imported), &error);
  original_visits = fascia_store_list_visits (fixture->demo, fascia_client_get_id (client), &error);
  g_assert_cmpuint (g_list_model_get_n_items (visits), ==,
                    g_list_model_get_n_items (original_visits));

  g_assert_null (fascia_fhir_export (fixture->demo, fixture->atlas, 999999, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND);
}

typedef struct
{
  const char *find;       /* text of the exported bundle to change, "" for none */
  const char *replace;    /* or the whole file when find is NULL */
  const char *message;    /* a part of the error */
} RefusedCase;

static const RefusedCase refused_cases[] = {
  { NULL, "{\"resourceType\": \"Bundle\", \"entry\": [", "this is not a FHIR bundle in JSON" },
  { NULL, "\xff\xfe{}", "not UTF-8 text" },
  { NULL, "[1, 2, 3]", "this is JSON, but not a FHIR Bundle" },
  { NULL, "{\"resourceType\": \"Patient\"}", "this is JSON, but not a FHIR Bundle" },
  { "\"resourceType\" : \"Goal\"", "\"resourceType\" : \"Medication\"",
    "is a Medication, which Fascia does not import" },
  { "\"id\" : \"p2\"", "\"id\" : \"p1\"", "Patient/p1 is in the bundle twice" },
  { "\"reference\" : \"Patient/p3\"", "\"reference\" : \"Patient/p99\"",
    "is of another patient than its plan" },
  { "\"reference\" : \"Patient/p5\"\n        },\n        \"period\"",
    "\"reference\" : \"Patient/p99\"\n        },\n        \"period\"",
    "“Patient/p99” names no Patient earlier in the bundle" },
  { "(0–10)\"\n        },\n        \"valueInteger\" : 6",
    "(0–10)\"\n        },\n        \"valueInteger\" : 11", "is not from 0 to 10" },
  { "\"id\" : \"p4\"", "\"id\" : \"p4/../x\"", "has no valid id" },
  { "\"valueCode\" : \"psoas-major\"", "\"valueCode\" : \"psoas-majestic\"", "psoas-majestic" },
};

static void
test_refused (FhirFixture   *fixture,
              gconstpointer  data)
{
  g_autoptr(GBytes) good = export (fixture, fixture->demo, 0);
  g_autofree char *text = g_strndup (g_bytes_get_data (good, NULL), g_bytes_get_size (good));
  g_autoptr(FasciaStore) store = empty_store (fixture, "refused.db");

  for (guint i = 0; i < G_N_ELEMENTS (refused_cases); i++)
    {
      const RefusedCase *rc = &refused_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;

      if (rc->find == NULL)
        bytes = g_bytes_new_static (rc->replace, strlen (rc->replace));
      else
        {
          GString *changed = g_string_new (text);

          g_assert_cmpuint (g_string_replace (changed, rc->find, rc->replace, 1), ==, 1);
          bytes = g_string_free_to_bytes (changed);
        }

      g_test_message ("case %u", i);
      g_assert_false (fascia_fhir_import (store, bytes, NULL, &error));
      g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, rc->message));
      /* All or nothing: not even the clients before the bad entry are kept. */
      g_assert_cmpuint (n_clients (store), ==, 0);
    }
}

/* On both engines, as "/sqlite/…" and "/postgresql/…". */
#define FHIR_TEST(path, func) \
  G_STMT_START { \
    g_test_add ("/sqlite" path, FhirFixture, NULL, fhir_set_up, func, fhir_tear_down); \
    g_test_add ("/postgresql" path, FhirFixture, GINT_TO_POINTER (1), fhir_set_up, func, \
                fhir_tear_down); \
  } G_STMT_END

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  FHIR_TEST ("/fascia/core/fhir/validator", test_validator);
  FHIR_TEST ("/fascia/core/fhir/round-trip", test_round_trip);
  FHIR_TEST ("/fascia/core/fhir/contents", test_contents);
  FHIR_TEST ("/fascia/core/fhir/one-client", test_one_client);
  FHIR_TEST ("/fascia/core/fhir/refused", test_refused);

  return g_test_run ();
}
