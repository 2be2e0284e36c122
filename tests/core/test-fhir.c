/* test-fhir.c — records out as FHIR R4 and back: the outside validator, the round trip, and
 * bundles refused whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "fascia/fascia-fhir.h"
#include "fascia/fascia-view-drawing.h"
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
  FasciaFhirImportCounts counts = { 0 };

  g_assert_true (fascia_fhir_import (copy, first, FASCIA_FHIR_DUPLICATES_REFUSE, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_added, ==, n_clients (fixture->demo));
  g_assert_cmpuint (n_clients (copy), ==, counts.n_added);

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
  FasciaFhirImportCounts counts = { 0 };

  g_assert_true (fascia_fhir_import (copy, bytes, FASCIA_FHIR_DUPLICATES_REFUSE, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_added, ==, 1);
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
      g_assert_false (fascia_fhir_import (store, bytes, FASCIA_FHIR_DUPLICATES_REFUSE, NULL, &error));
      g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, rc->message));
      /* All or nothing: not even the clients before the bad entry are kept. */
      g_assert_cmpuint (n_clients (store), ==, 0);
    }
}

/* Body-chart points and the drawings they are on */

typedef struct
{
  const char *visited_at;
  const char *view;
  double      x, y;       /* as the bundle says */
  double      new_x, new_y;  /* where an import of a bundle of before puts it */
} DrawnMark;

/* A bundle of before, which did not say on which drawing a point is: a mark of a visit before
 * its view was redrawn is taken to be on the drawing of then and lands where migration 016
 * puts such a mark (test-store-migrate.c …/migrate-from-15); one of a visit since is left. The
 * Front view was redrawn at 17:14:12 UTC, the superficial views at 20:06:34 UTC, and the back
 * superficial view again on 6 December at 13:45:00 UTC (so both its marks here move twice). */
static const DrawnMark drawn_marks[] = {
  { "2026-11-20T10:00:00Z", "anterior", 600, 500, 600, 226.4 },
  { "2026-11-20T10:00:00Z", "posterior-superficial", 300, 520, 355, 414.73333333333335 },
  { "2026-11-20T10:00:00Z", "front-superficial", 400, 708, 420, 638 },
  { "2026-11-20T10:00:00Z", "posterior-deep", 500, 600, 500, 600 },
  { "2026-12-05T18:00:00Z", "anterior", 600, 500, 600, 500 },
  { "2026-12-05T18:00:00Z", "posterior-superficial", 300, 520, 355, 414.73333333333335 },
};

/* A store with one client, a visit at each time of drawn_marks[] and its free marks, in order;
 * each mark is put where the bundle will say it is, on the current drawing of its view. */
static FasciaStore *
drawn_store (FhirFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  FasciaStore *store = empty_store (fixture, "drawn.db");
  g_autoptr(FasciaClient) client = fascia_client_new ();
  gint64 visit_id = 0;
  const char *last = NULL;

  fascia_client_set_name (client, "Ottoline Drawn");
  g_assert_true (fascia_store_add_client (store, client, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (drawn_marks); i++)
    {
      g_autoptr(FasciaPainMark) mark = fascia_pain_mark_new ();

      if (g_strcmp0 (last, drawn_marks[i].visited_at) != 0)
        {
          g_autoptr(FasciaVisit) visit = fascia_visit_new ();
          g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (drawn_marks[i].visited_at,
                                                                    NULL);

          fascia_visit_set_client_id (visit, fascia_client_get_id (client));
          fascia_visit_set_visited_at (visit, when);
          g_assert_true (fascia_store_add_visit (store, visit, &error));
          g_assert_no_error (error);
          visit_id = fascia_visit_get_id (visit);
          last = drawn_marks[i].visited_at;
        }
      fascia_pain_mark_set_visit_id (mark, visit_id);
      fascia_pain_mark_set_view_id (mark, drawn_marks[i].view);
      fascia_pain_mark_set_x (mark, drawn_marks[i].x);
      fascia_pain_mark_set_y (mark, drawn_marks[i].y);
      g_assert_true (fascia_store_add_pain_mark (store, mark, &error));
      g_assert_no_error (error);
    }
  return store;
}

/* @bytes with the drawing of each free mark given as @value (a JSON value, as the member
 * @member of the extension), or, @value NULL, with none, as a bundle of before; *@n_changed
 * counts the marks changed. */
static GBytes *
with_drawings (GBytes     *bytes,
               const char *member,
               const char *value,
               guint      *n_changed)
{
  g_autoptr(JsonObject) bundle = parse (bytes);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonArray *entries = json_object_get_array_member (bundle, "entry");
  char *text;
  gsize length;

  *n_changed = 0;
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = json_object_get_object_member (
        json_array_get_object_element (entries, i), "resource");
      JsonArray *extensions = json_object_has_member (resource, "extension")
                              ? json_object_get_array_member (resource, "extension") : NULL;

      for (guint j = extensions != NULL ? json_array_get_length (extensions) : 0; j-- > 0;)
        {
          JsonObject *extension = json_array_get_object_element (extensions, j);

          if (!g_str_has_suffix (json_object_get_string_member (extension, "url"), "/drawing"))
            continue;
          (*n_changed)++;
          if (value == NULL)
            {
              json_array_remove_element (extensions, j);
              continue;
            }
          json_object_remove_member (extension, "valueInteger");
          json_object_set_member (extension, member, json_from_string (value, NULL));
        }
    }

  json_node_set_object (root, bundle);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

/* The marks of the one client of @store, in the order they were made. */
static GPtrArray *
drawn_marks_of (FasciaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) clients = fascia_store_list_clients (store, NULL, 0, &error);
  g_autoptr(FasciaClient) client = g_list_model_get_item (clients, 0);
  g_autoptr(GListModel) visits = fascia_store_list_visits (store, fascia_client_get_id (client),
                                                           &error);
  GPtrArray *marks = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  /* Visits newest first. */
  for (guint i = g_list_model_get_n_items (visits); i-- > 0;)
    {
      g_autoptr(FasciaVisit) visit = g_list_model_get_item (visits, i);
      g_autoptr(GListModel) list = fascia_store_list_pain_marks (store,
                                                                 fascia_visit_get_id (visit),
                                                                 &error);

      g_assert_no_error (error);
      for (guint j = 0; j < g_list_model_get_n_items (list); j++)
        g_ptr_array_add (marks, g_list_model_get_item (list, j));
    }
  g_assert_cmpuint (marks->len, ==, G_N_ELEMENTS (drawn_marks));
  return marks;
}

static void
assert_drawn (FasciaStore *store,
              gboolean     moved)
{
  g_autoptr(GPtrArray) marks = drawn_marks_of (store);

  for (guint i = 0; i < marks->len; i++)
    {
      FasciaPainMark *mark = g_ptr_array_index (marks, i);
      const DrawnMark *d = &drawn_marks[i];

      g_test_message ("mark %u, %s: %g, %g", i, d->view, fascia_pain_mark_get_x (mark),
                      fascia_pain_mark_get_y (mark));
      g_assert_cmpstr (fascia_pain_mark_get_view_id (mark), ==, d->view);
      g_assert_cmpuint (fascia_pain_mark_get_drawing (mark), ==,
                        fascia_view_drawing_current (d->view));
      g_assert_cmpfloat_with_epsilon (fascia_pain_mark_get_x (mark), moved ? d->new_x : d->x,
                                      1e-9);
      g_assert_cmpfloat_with_epsilon (fascia_pain_mark_get_y (mark), moved ? d->new_y : d->y,
                                      1e-9);
    }
}

/* A bundle says which drawing of its view each point is on, and an import puts it back on
 * it: the points come back as they went, whenever their visits were. */
static void
test_mark_drawing_round_trip (FhirFixture   *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = drawn_store (fixture);
  g_autoptr(GBytes) bundle = export (fixture, store, 0);
  g_autoptr(FasciaStore) copy = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) said_old = NULL;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autofree char *output = NULL;
  guint n_marks;

  g_clear_object (&store);
  copy = empty_store (fixture, "drawn-copy.db");
  g_assert_true (fascia_fhir_import (copy, bundle, FASCIA_FHIR_DUPLICATES_REFUSE, NULL, &error));
  g_assert_no_error (error);
  assert_drawn (copy, FALSE);
  again = export (fixture, copy, 0);
  a = sorted_entries (bundle);
  b = sorted_entries (again);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
  g_assert_cmpint (validate (fixture, bundle, &output), ==, 0);

  /* A bundle that says a point is on the Front view's drawing of before is believed over
   * the time of its visit. */
  said_old = with_drawings (bundle, "valueInteger", "1", &n_marks);
  g_assert_cmpuint (n_marks, ==, G_N_ELEMENTS (drawn_marks));
  g_clear_object (&copy);
  copy = empty_store (fixture, "drawn-old.db");
  g_assert_true (fascia_fhir_import (copy, said_old, FASCIA_FHIR_DUPLICATES_REFUSE, NULL,
                                     &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) marks = drawn_marks_of (copy);

    /* The mark of 5 Dec at 18:00 on the Front view, said to be on its first drawing. */
    g_assert_cmpfloat_with_epsilon (fascia_pain_mark_get_y (g_ptr_array_index (marks, 4)),
                                    226.4, 1e-9);
    g_assert_cmpfloat (fascia_pain_mark_get_y (g_ptr_array_index (marks, 3)), ==, 600);
  }
}

/* A bundle written before the drawings were numbered: its points are taken to be on the
 * drawing of their visit's time and moved as 016 moved the marks of a database. */
static void
test_mark_drawing_old_bundle (FhirFixture   *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = drawn_store (fixture);
  g_autoptr(GBytes) bundle = export (fixture, store, 0);
  g_autoptr(GBytes) old = NULL;
  g_autoptr(FasciaStore) copy = NULL;
  guint n_marks;

  g_clear_object (&store);
  old = with_drawings (bundle, NULL, NULL, &n_marks);
  g_assert_cmpuint (n_marks, ==, G_N_ELEMENTS (drawn_marks));
  g_assert_null (strstr (g_bytes_get_data (old, NULL), "drawing\""));
  copy = empty_store (fixture, "drawn-copy.db");
  g_assert_true (fascia_fhir_import (copy, old, FASCIA_FHIR_DUPLICATES_REFUSE, NULL, &error));
  g_assert_no_error (error);
  assert_drawn (copy, TRUE);
}

/* A drawing a view never had, or none a number can say, is refused with the mark and what
 * is wrong, and nothing is imported. */
static void
test_mark_drawing_refused (FhirFixture   *fixture,
                           gconstpointer  data)
{
  static const struct {
    const char *member;
    const char *value;
    const char *message;
  } cases[] = {
    { "valueInteger", "0", "is on drawing 0 of the anterior view, which has drawings 1 to 2" },
    { "valueInteger", "-1", "is on drawing -1 of the anterior view" },
    { "valueInteger", "3", "is on drawing 3 of the anterior view, which has drawings 1 to 2" },
    { "valueInteger", "4294967298", "is on drawing 4294967298 of the anterior view" },
    { "valueInteger", "9223372036854775807", "is on drawing 9223372036854775807 of" },
    { "valueInteger", "1e300", "gives its drawing as no whole number" },
    { "valueInteger", "1.5", "gives its drawing as no whole number" },
    { "valueInteger", "\"2\"", "gives its drawing as no whole number" },
    { "valueInteger", "null", "gives its drawing as no whole number" },
    { "valueInteger", "true", "gives its drawing as no whole number" },
    { "valueInteger", "[2]", "gives its drawing as no whole number" },
    { "valueDecimal", "2", "gives its drawing as no whole number" },
  };
  g_autoptr(FasciaStore) source = drawn_store (fixture);
  g_autoptr(GBytes) bundle = export (fixture, source, 0);
  g_autoptr(FasciaStore) store = empty_store (fixture, "refused.db");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) crafted = NULL;
      guint n_marks;

      crafted = with_drawings (bundle, cases[i].member, cases[i].value, &n_marks);
      g_assert_cmpuint (n_marks, ==, G_N_ELEMENTS (drawn_marks));
      g_assert_false (fascia_fhir_import (store, crafted, FASCIA_FHIR_DUPLICATES_REFUSE, NULL,
                                          &error));
      g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
      g_test_message ("%s", error->message);
      /* The entry, the mark and what is wrong. */
      g_assert_nonnull (strstr (error->message, "(Encounter/p1-v1): the body-chart mark "
                                                "p1-v1-mark1 "));
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_assert_cmpuint (n_clients (store), ==, 0);
    }
}

/* The demo client who is pregnant, with the intake's trimester set. */
static FasciaClient *
pregnant_client (FasciaStore *store,
                 guint        trimester)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) clients = fascia_store_list_clients (store, NULL, 0, &error);

  for (guint i = 0; i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (clients, i);

      if ((fascia_client_get_health_flags (client) & FASCIA_HEALTH_PREGNANCY) == 0)
        continue;
      fascia_client_set_pregnancy_trimester (client, trimester);
      g_assert_true (fascia_store_update_client (store, client, &error));
      g_assert_no_error (error);
      return g_steal_pointer (&client);
    }
  g_assert_not_reached ();
}

/* The intake's pregnancy and trimester go out as the standard pregnancy status, validate,
 * and come back. */
static void
test_pregnancy (FhirFixture   *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = pregnant_client (fixture->demo, 2);
  g_autoptr(GBytes) bytes = export (fixture, fixture->demo, fascia_client_get_id (client));
  g_autoptr(FasciaStore) copy = empty_store (fixture, "pregnant.db");
  g_autoptr(GListModel) list = NULL;
  g_autoptr(FasciaClient) imported = NULL;
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *output = NULL;
  g_autoptr(GBytes) not_pregnant = NULL;
  g_autoptr(GBytes) unknown = NULL;
  GString *changed;

  g_assert_nonnull (strstr (text, "\"code\" : \"82810-3\""));
  g_assert_nonnull (strstr (text, "\"code\" : \"LA15173-0\""));
  g_assert_nonnull (strstr (text, "\"code\" : \"255247007\""));
  g_assert_cmpint (validate (fixture, bytes, &output), ==, 0);

  g_assert_true (fascia_fhir_import (copy, bytes, FASCIA_FHIR_DUPLICATES_REFUSE, NULL, &error));
  g_assert_no_error (error);
  list = fascia_store_list_clients (copy, NULL, 0, &error);
  imported = g_list_model_get_item (list, 0);
  g_assert_true (fascia_client_get_health_flags (imported) & FASCIA_HEALTH_PREGNANCY);
  g_assert_cmpuint (fascia_client_get_pregnancy_trimester (imported), ==, 2);

  /* The Observation alone says pregnant: without Fascia's intake-flag extension, as another
   * tool writes it, the pregnancy and trimester still come in. */
  changed = g_string_new (text);
  g_assert_cmpuint (g_string_replace (changed, "\"valueCode\" : \"pregnancy\"",
                                      "\"valueCode\" : \"smoker\"", 1), ==, 1);
  not_pregnant = g_string_free_to_bytes (changed);
  g_clear_object (&copy);
  copy = empty_store (fixture, "pregnant-2.db");
  g_assert_true (fascia_fhir_import (copy, not_pregnant, FASCIA_FHIR_DUPLICATES_REFUSE, NULL,
                                     &error));
  g_assert_no_error (error);
  g_clear_object (&list);
  g_clear_object (&imported);
  list = fascia_store_list_clients (copy, NULL, 0, &error);
  imported = g_list_model_get_item (list, 0);
  g_assert_true (fascia_client_get_health_flags (imported) & FASCIA_HEALTH_PREGNANCY);
  g_assert_cmpuint (fascia_client_get_pregnancy_trimester (imported), ==, 2);

  /* An answer Fascia does not know is refused, and nothing is imported. */
  changed = g_string_new (text);
  g_assert_cmpuint (g_string_replace (changed, "LA15173-0", "LA99999-9", 1), ==, 1);
  unknown = g_string_free_to_bytes (changed);
  g_clear_object (&copy);
  copy = empty_store (fixture, "pregnant-3.db");
  g_assert_false (fascia_fhir_import (copy, unknown, FASCIA_FHIR_DUPLICATES_REFUSE, NULL, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "pregnancy status"));
  g_assert_cmpuint (n_clients (copy), ==, 0);
}

static gint64
sum_revisions (FasciaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = fascia_store_list_clients (store, NULL, FASCIA_STORE_LIST_ARCHIVED,
                                                          &error);
  gint64 sum = 0;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (list, i);

      sum += fascia_client_get_revision (client);
    }
  return sum;
}

static guint
n_visits (FasciaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = fascia_store_list_clients (store, NULL, FASCIA_STORE_LIST_ARCHIVED,
                                                          &error);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (list, i);
      g_autoptr(GListModel) visits = fascia_store_list_visits (store, fascia_client_get_id (client),
                                                               &error);

      n += g_list_model_get_n_items (visits);
    }
  return n;
}

/* A bundle whose patients are already clients is refused by default, naming one; skipped,
 * merged or added by choice. */
static void
test_duplicates (FhirFixture   *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bundle = export (fixture, fixture->demo, 0);
  g_autoptr(GBytes) before = export (fixture, fixture->demo, 0);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GPtrArray) found = NULL;
  FasciaFhirImportCounts counts = { 0 };
  guint clients = n_clients (fixture->demo);
  guint visits = n_visits (fixture->demo);
  gint64 revisions = sum_revisions (fixture->demo);

  found = fascia_fhir_find_duplicates (fixture->demo, bundle, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, clients);

  g_assert_false (fascia_fhir_import (fixture->demo, bundle, FASCIA_FHIR_DUPLICATES_REFUSE,
                                      &counts, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "is already a client"));
  g_assert_nonnull (strstr (error->message,
                            fascia_client_get_name (g_ptr_array_index (found, 0))));
  g_clear_error (&error);
  g_assert_cmpuint (n_clients (fixture->demo), ==, clients);

  g_assert_true (fascia_fhir_import (fixture->demo, bundle, FASCIA_FHIR_DUPLICATES_SKIP,
                                     &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_skipped, ==, clients);
  g_assert_cmpuint (counts.n_added + counts.n_visits + counts.n_plans, ==, 0);

  /* Merging the clinic into itself changes nothing: every plan and visit is there. */
  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (fascia_fhir_import (fixture->demo, bundle, FASCIA_FHIR_DUPLICATES_MERGE,
                                         &counts, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (counts.n_merged, ==, clients);
      g_assert_cmpuint (counts.n_added + counts.n_visits + counts.n_plans, ==, 0);
    }
  after = export (fixture, fixture->demo, 0);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (sum_revisions (fixture->demo), ==, revisions);
  g_assert_cmpuint (n_visits (fixture->demo), ==, visits);

  g_assert_true (fascia_fhir_import (fixture->demo, bundle, FASCIA_FHIR_DUPLICATES_ADD,
                                     &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_added, ==, clients);
  g_assert_cmpuint (n_clients (fixture->demo), ==, 2 * clients);
}

/* Merging into a client who has part of the record: the client's own text stays, empty
 * fields are filled, the plans and visits it lacks are added — and a second merge of the
 * same bundle changes nothing. */
static void
test_merge (FhirFixture   *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) demo_clients = fascia_store_list_clients (fixture->demo, NULL, 0, &error);
  g_autoptr(FasciaClient) source = NULL;
  g_autoptr(GBytes) bundle = NULL;
  g_autoptr(GBytes) once = NULL;
  g_autoptr(GBytes) twice = NULL;
  g_autoptr(FasciaStore) store = empty_store (fixture, "merge.db");
  g_autoptr(FasciaClient) mine = fascia_client_new ();
  g_autoptr(FasciaClient) merged = NULL;
  g_autoptr(GListModel) visits = NULL;
  g_autoptr(GListModel) source_visits = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(GListModel) source_plans = NULL;
  FasciaFhirImportCounts counts = { 0 };
  gint64 revision;
  guint index = 0;

  /* A client with visits and an email address. */
  for (guint i = 0; i < g_list_model_get_n_items (demo_clients); i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (demo_clients, i);
      g_autoptr(GListModel) list = fascia_store_list_visits (fixture->demo,
                                                             fascia_client_get_id (client),
                                                             &error);

      if (g_list_model_get_n_items (list) >= 2 && fascia_client_get_email (client)[0] != '\0' &&
          fascia_client_get_notes (client)[0] != '\0')
        {
          source = g_steal_pointer (&client);
          break;
        }
      index++;
    }
  g_assert_nonnull (source);
  bundle = export (fixture, fixture->demo, fascia_client_get_id (source));

  /* The same person by email, under another spelling, with a note of this practice's own. */
  fascia_client_set_name (mine, "Someone Else Entirely");
  fascia_client_set_email (mine, fascia_client_get_email (source));
  fascia_client_set_notes (mine, "Prefers mornings.");
  g_assert_true (fascia_store_add_client (store, mine, &error));
  g_assert_no_error (error);

  g_assert_true (fascia_fhir_import (store, bundle, FASCIA_FHIR_DUPLICATES_MERGE, &counts,
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_merged, ==, 1);
  g_assert_cmpuint (counts.n_added, ==, 0);
  g_assert_cmpuint (n_clients (store), ==, 1);

  merged = fascia_store_get_client (store, fascia_client_get_id (mine), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fascia_client_get_name (merged), ==, "Someone Else Entirely");
  g_assert_true (g_str_has_prefix (fascia_client_get_notes (merged), "Prefers mornings.\n"));
  g_assert_nonnull (strstr (fascia_client_get_notes (merged), fascia_client_get_notes (source)));
  g_assert_cmpstr (fascia_client_get_date_of_birth (merged), ==,
                   fascia_client_get_date_of_birth (source));
  g_assert_cmpuint (fascia_client_get_health_flags (merged), ==,
                    fascia_client_get_health_flags (source));

  visits = fascia_store_list_visits (store, fascia_client_get_id (mine), &error);
  source_visits = fascia_store_list_visits (fixture->demo, fascia_client_get_id (source), &error);
  g_assert_cmpuint (g_list_model_get_n_items (visits), ==,
                    g_list_model_get_n_items (source_visits));
  g_assert_cmpuint (counts.n_visits, ==, g_list_model_get_n_items (source_visits));
  plans = fascia_store_list_plans (store, fascia_client_get_id (mine), &error);
  source_plans = fascia_store_list_plans (fixture->demo, fascia_client_get_id (source), &error);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==,
                    g_list_model_get_n_items (source_plans));

  /* Again: nothing changes, not even the client's revision. */
  once = export (fixture, store, 0);
  revision = sum_revisions (store);
  g_assert_true (fascia_fhir_import (store, bundle, FASCIA_FHIR_DUPLICATES_MERGE, &counts,
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_merged, ==, 1);
  g_assert_cmpuint (counts.n_added + counts.n_plans + counts.n_visits, ==, 0);
  twice = export (fixture, store, 0);
  g_assert_true (g_bytes_equal (once, twice));
  g_assert_cmpint (sum_revisions (store), ==, revision);
}

/* The atlas's validator, which also cancels the import the first time it is asked: by then
 * the import's transaction has written the first clients and their first plan. */
typedef struct
{
  FasciaAtlas  *atlas;
  GCancellable *cancellable;
  gint          asked;
} CancellingValidator;

static gboolean
cancelling_validator (FasciaStoreIdKind  kind,
                      const char        *id,
                      gpointer           user_data)
{
  CancellingValidator *validator = user_data;

  if (g_atomic_int_add (&validator->asked, 1) == 0)
    g_cancellable_cancel (validator->cancellable);
  return fascia_fhir_atlas_has_id (kind, id, validator->atlas);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs fascia_fhir_import_async() to its end. */
static gboolean
import_async (FasciaStore   *store,
              GBytes        *bundle,
              GCancellable  *cancellable,
              gint          *permille,
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fascia_fhir_import_async (store, bundle, FASCIA_FHIR_DUPLICATES_REFUSE, cancellable, permille,
                            async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return fascia_fhir_import_finish (store, result, NULL, error);
}

/* An import in a worker, on a connection of its own, cancelled in the middle of its
 * transaction (Cancel, or the window closing): it stops at its next entry and nothing of it
 * is in the database; let run, every client is. */
static void
test_import_async (FhirFixture   *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bundle = export (fixture, fixture->demo, 0);
  g_autoptr(FasciaStore) store = empty_store (fixture, "copy.db");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancellingValidator validator = { fixture->atlas, cancellable, 0 };
  gint permille = 0;

  fascia_store_set_id_validator (store, cancelling_validator, &validator, NULL);
  g_assert_false (import_async (store, bundle, cancellable, &permille, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (g_atomic_int_get (&validator.asked), >, 0);
  g_assert_cmpint (permille, >, 0);
  g_assert_cmpint (permille, <, 1000);
  g_assert_cmpuint (n_clients (store), ==, 0);

  fascia_store_set_id_validator (store, fascia_fhir_atlas_has_id, fixture->atlas, NULL);
  g_assert_true (import_async (store, bundle, NULL, &permille, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_clients (store), ==, n_clients (fixture->demo));
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
  FHIR_TEST ("/fascia/core/fhir/mark-drawing-round-trip", test_mark_drawing_round_trip);
  FHIR_TEST ("/fascia/core/fhir/mark-drawing-old-bundle", test_mark_drawing_old_bundle);
  FHIR_TEST ("/fascia/core/fhir/mark-drawing-refused", test_mark_drawing_refused);
  FHIR_TEST ("/fascia/core/fhir/pregnancy", test_pregnancy);
  FHIR_TEST ("/fascia/core/fhir/duplicates", test_duplicates);
  FHIR_TEST ("/fascia/core/fhir/merge", test_merge);
  FHIR_TEST ("/fascia/core/fhir/import-async", test_import_async);

  return g_test_run ();
}
