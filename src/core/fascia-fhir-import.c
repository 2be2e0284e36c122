/* fascia-fhir-import.c — client records from a FHIR R4 JSON bundle that Fascia wrote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-fhir"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "fascia/fascia-view-drawing.h"

#include "fascia-fhir-private.h"
#include "fascia-store-private.h"

/*
 * The bundle is checked as it is read: every resource must be of a type Fascia writes, with a
 * unique id, and every reference must name a resource of the bundle that came before it.
 * Everything is added in one batch of the store: either the whole bundle is imported or,
 * at the first problem, nothing is, and the error names the entry and the resource.
 *
 * A Patient who is already a client (the duplicate rule of every import, see
 * fascia_store_find_duplicate_client()) is refused, skipped, merged or added as the caller
 * chooses. Merging keeps the client and adds only what it lacks: its empty fields are filled
 * and notes not already there appended (no text of the client is overwritten); a plan of the
 * bundle is the client's plan of the same title, start and end dates if it has one — then
 * only its targets (muscle, side and techniques) and home exercises (technique) that the plan
 * lacks are added — and a visit of the bundle is the client's visit at the same time (to the
 * second) if it has one — then nothing of it is imported, not its note, scores, marks,
 * findings or amendments. The bundle's resource ids number its records in order and mean
 * nothing in another database, so these natural keys, read from the bundle, identify them.
 * Merging the same bundle twice changes nothing the second time.
 */

#define MAX_ENTRIES (4 * 1024 * 1024)

/* The pregnancy status (LOINC), its answers, and the trimesters (SNOMED CT periods of life). */
#define PREGNANCY_STATUS_CODE "82810-3"
#define PREGNANT_CODE         "LA15173-0"

static const char * const not_pregnant_codes[] = { "LA26683-5", "LA4489-6", NULL };
static const char * const trimester_codes[] = { NULL, "255246003", "255247007", "255248004" };

typedef struct
{
  FasciaStore *store;
  GHashTable  *resources;     /* "Type/id" → JsonObject (borrowed from the parsed tree) */
  GHashTable  *db_ids;        /* "Type/id" or "CarePlan/id#tN" → gint64 */
  GHashTable  *by_encounter;  /* "Encounter/id" → GPtrArray of JsonObject */
  GHashTable  *pregnancy;     /* "Patient/id" → its pregnancy-status Observation */
  GHashTable  *merged;        /* "Patient/id" of the patients merged into a client */
  GHashTable  *skipped;       /* "Type/id" of what is not imported: a skipped patient's
                               * records, and visits of a merged one already there */
  FasciaFhirDuplicates duplicates;
  FasciaFhirImportCounts counts;
  guint        entry;         /* the entry being read, from 1 */
  const char  *label;         /* "Observation/p1-v2-mark1" */
  GCancellable *cancellable;  /* looked at before each entry */
  gint         *permille;     /* how far, for another thread to read; or NULL */
} Import;

static gboolean
invalid (Import      *import,
         GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (Import      *import,
         GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (import->label != NULL)
    g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID, "entry %u (%s): %s",
                 import->entry, import->label, message);
  else
    g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID, "%s", message);
  return FALSE;
}

/* Prefixes an error from the store with the entry it came from; the database failing, or a
 * cancel that cut a query short, is no fault of the entry and stays as it is. */
static gboolean
failed (Import  *import,
        GError **error,
        GError  *local_error)
{
  if ((local_error->domain == FASCIA_STORE_ERROR &&
       local_error->code != FASCIA_STORE_ERROR_INVALID &&
       local_error->code != FASCIA_STORE_ERROR_NOT_FOUND) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  invalid (import, error, "%s", local_error->message);
  g_error_free (local_error);
  return FALSE;
}

/* Reading members, each checked for its type */

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
array_object (JsonArray *array,
              guint      index)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;
  node = json_array_get_element (array, index);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
get_int (JsonObject *object,
         const char *member,
         gint64     *value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

/* The extensions of @object named @name under FASCIA_FHIR_BASE, in order. */
static GPtrArray *
extensions (JsonObject *object,
            const char *name)
{
  g_autofree char *url = g_strconcat (FHIR_EXT (""), name, NULL);
  JsonArray *array = get_array (object, "extension");
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *extension = array_object (array, i);

      if (g_strcmp0 (get_string (extension, "url"), url) == 0)
        g_ptr_array_add (found, extension);
    }

  return found;
}

static JsonObject *
extension (JsonObject *object,
           const char *name)
{
  g_autoptr(GPtrArray) found = extensions (object, name);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

static const char *
string_extension (JsonObject *object,
                  const char *name,
                  const char *value_type)
{
  return get_string (extension (object, name), value_type);
}

static gboolean
int_extension (JsonObject *object,
               const char *name,
               gint64     *value)
{
  return get_int (extension (object, name), "valueInteger", value);
}

static gboolean
decimal_extension (JsonObject *object,
                   const char *name,
                   double     *value)
{
  JsonObject *ext = extension (object, name);
  JsonNode *node = ext != NULL ? json_object_get_member (ext, "valueDecimal") : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64))
    return FALSE;
  *value = json_node_get_double (node);
  return TRUE;
}

static int
enum_from_nick (GType       type,
                const char *nick)
{
  return fascia_store_enum_value (type, nick, -1);
}

/* The database id of the resource that @object's `reference` names, of @type. */
static gboolean
resolve (Import      *import,
         JsonObject  *object,
         const char  *type,
         gint64      *db_id,
         GError     **error)
{
  const char *ref = get_string (object, "reference");
  gpointer value;

  if (ref == NULL || !g_str_has_prefix (ref, type) || ref[strlen (type)] != '/')
    return invalid (import, error, "a reference to a %s is missing", type);
  if (!g_hash_table_lookup_extended (import->db_ids, ref, NULL, &value))
    return invalid (import, error, "“%s” names no %s earlier in the bundle", ref, type);

  *db_id = *(gint64 *) value;
  return TRUE;
}

static void
remember (Import     *import,
          const char *key,
          gint64      db_id)
{
  g_hash_table_insert (import->db_ids, g_strdup (key), g_memdup2 (&db_id, sizeof db_id));
}

/* Patient */

/* Whether @coding (an array of Coding) holds @code of @system. */
static gboolean
has_coding (JsonObject *concept,
            const char *system,
            const char *code)
{
  JsonArray *codings = get_array (concept, "coding");

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonObject *coding = array_object (codings, i);

      if (g_strcmp0 (get_string (coding, "system"), system) == 0 &&
          g_strcmp0 (get_string (coding, "code"), code) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_pregnancy_status (JsonObject *resource)
{
  return has_coding (get_object (resource, "code"), FHIR_LOINC, PREGNANCY_STATUS_CODE);
}

/* The pregnancy and its trimester from the patient's pregnancy-status Observation. */
static gboolean
read_pregnancy (Import            *import,
                JsonObject        *observation,
                FasciaHealthFlags *health,
                guint             *trimester,
                GError           **error)
{
  JsonObject *value = get_object (observation, "valueCodeableConcept");
  JsonArray *components = get_array (observation, "component");
  gboolean pregnant = has_coding (value, FHIR_LOINC, PREGNANT_CODE);

  if (!pregnant)
    {
      for (guint i = 0; not_pregnant_codes[i] != NULL; i++)
        if (has_coding (value, FHIR_LOINC, not_pregnant_codes[i]))
          return TRUE;
      return invalid (import, error, "the pregnancy status %s is none Fascia reads",
                      get_string (observation, "id"));
    }

  *health |= FASCIA_HEALTH_PREGNANCY;
  for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
    {
      JsonObject *component_value = get_object (array_object (components, i),
                                                "valueCodeableConcept");

      for (guint t = 1; t < G_N_ELEMENTS (trimester_codes); t++)
        if (has_coding (component_value, FHIR_SNOMED, trimester_codes[t]))
          *trimester = t;
    }
  return TRUE;
}

/* The client a Patient describes, not yet added. */
static FasciaClient *
read_patient (Import      *import,
              JsonObject  *resource,
              const char  *key,
              GError     **error)
{
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autoptr(GPtrArray) flags = extensions (resource, "intake-flag");
  JsonObject *pregnancy = g_hash_table_lookup (import->pregnancy, key);
  guint trimester = 0;
  JsonArray *telecom = get_array (resource, "telecom");
  const char *name = get_string (array_object (get_array (resource, "name"), 0), "text");
  const char *birth = get_string (resource, "birthDate");
  const char *text;
  FasciaHealthFlags health = 0;
  JsonNode *active = json_object_get_member (resource, "active");

  if (name == NULL)
    {
      invalid (import, error, "the patient has no name text");
      return NULL;
    }
  fascia_client_set_name (client, name);

  for (guint i = 0; telecom != NULL && i < json_array_get_length (telecom); i++)
    {
      JsonObject *point = array_object (telecom, i);
      const char *system = get_string (point, "system");
      const char *value = get_string (point, "value");

      if (value == NULL)
        {
          invalid (import, error, "a telecom entry has no value");
          return NULL;
        }
      if (g_strcmp0 (system, "email") == 0)
        fascia_client_set_email (client, value);
      else if (g_strcmp0 (system, "phone") == 0)
        fascia_client_set_phone (client, value);
    }

  if (birth != NULL)
    fascia_client_set_date_of_birth (client, birth);

  for (guint i = 0; i < flags->len; i++)
    {
      const char *nick = get_string (g_ptr_array_index (flags, i), "valueCode");
      g_autoptr(GFlagsClass) klass = g_type_class_ref (FASCIA_TYPE_HEALTH_FLAGS);
      GFlagsValue *value = nick != NULL ? g_flags_get_value_by_nick (klass, nick) : NULL;

      if (value == NULL)
        {
          invalid (import, error, "“%s” is no intake flag", nick != NULL ? nick : "");
          return NULL;
        }
      health |= value->value;
    }
  if (pregnancy != NULL && !read_pregnancy (import, pregnancy, &health, &trimester, error))
    return NULL;
  fascia_client_set_health_flags (client, health);
  fascia_client_set_pregnancy_trimester (client, trimester);

  if ((text = string_extension (resource, "health-notes", "valueString")) != NULL)
    fascia_client_set_health_notes (client, text);
  if ((text = string_extension (resource, "notes", "valueString")) != NULL)
    fascia_client_set_notes (client, text);
  if (active != NULL && JSON_NODE_HOLDS_VALUE (active) &&
      json_node_get_value_type (active) == G_TYPE_BOOLEAN)
    fascia_client_set_archived (client, !json_node_get_boolean (active));

  return g_steal_pointer (&client);
}

static void
skip (Import     *import,
      const char *key)
{
  g_hash_table_add (import->skipped, g_strdup (key));
}

/* Whether @resource's subject is a patient left out. */
static gboolean
subject_skipped (Import     *import,
                 JsonObject *resource)
{
  const char *ref = get_string (get_object (resource, "subject"), "reference");

  return ref != NULL && g_hash_table_contains (import->skipped, ref);
}

static gboolean
subject_merged (Import     *import,
                JsonObject *resource)
{
  const char *ref = get_string (get_object (resource, "subject"), "reference");

  return ref != NULL && g_hash_table_contains (import->merged, ref);
}

/* "“Name” (born 1980-02-03)" or "“Name” (name@example.org)", for messages. */
static char *
describe_client (FasciaClient *client)
{
  const char *birth = fascia_client_get_date_of_birth (client);

  if (birth != NULL && birth[0] != '\0')
    return g_strdup_printf ("“%s” (born %s)", fascia_client_get_name (client), birth);
  if (fascia_client_get_email (client)[0] != '\0')
    return g_strdup_printf ("“%s” (%s)", fascia_client_get_name (client),
                            fascia_client_get_email (client));
  return g_strdup_printf ("“%s”", fascia_client_get_name (client));
}

static gboolean
import_patient (Import      *import,
                JsonObject  *resource,
                GError     **error)
{
  g_autoptr(FasciaClient) client = read_patient (import, resource, import->label, error);
  GError *local_error = NULL;
  gint64 duplicate = 0;

  if (client == NULL)
    return FALSE;

  if (import->duplicates != FASCIA_FHIR_DUPLICATES_ADD &&
      (duplicate = fascia_store_find_duplicate_client (import->store, client, &local_error)) < 0)
    return failed (import, error, local_error);

  if (duplicate > 0 && import->duplicates == FASCIA_FHIR_DUPLICATES_REFUSE)
    {
      g_autoptr(FasciaClient) existing = fascia_store_load_client (import->store, duplicate,
                                                                   &local_error);
      g_autofree char *text = NULL;

      if (existing == NULL)
        return failed (import, error, local_error);
      text = describe_client (existing);
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_EXISTS,
                   "entry %u (%s): %s is already a client", import->entry, import->label, text);
      return FALSE;
    }
  if (duplicate > 0 && import->duplicates == FASCIA_FHIR_DUPLICATES_SKIP)
    {
      skip (import, import->label);
      import->counts.n_skipped++;
      return TRUE;
    }
  if (duplicate > 0)
    {
      if (!fascia_store_merge_client (import->store, duplicate, client, &local_error))
        return failed (import, error, local_error);
      g_hash_table_add (import->merged, g_strdup (import->label));
      remember (import, import->label, duplicate);
      import->counts.n_merged++;
      return TRUE;
    }

  if (!fascia_store_add_client (import->store, client, &local_error))
    return failed (import, error, local_error);

  remember (import, import->label, fascia_client_get_id (client));
  import->counts.n_added++;
  return TRUE;
}

/* CarePlan */

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static gboolean
same_target (FasciaPlanTarget *a,
             FasciaPlanTarget *b)
{
  const char * const *ta = fascia_plan_target_get_technique_ids (a);
  const char * const *tb = fascia_plan_target_get_technique_ids (b);
  guint na = ta != NULL ? g_strv_length ((char **) ta) : 0;
  guint nb = tb != NULL ? g_strv_length ((char **) tb) : 0;

  if (!same_text (fascia_plan_target_get_muscle_id (a), fascia_plan_target_get_muscle_id (b)) ||
      fascia_plan_target_get_side (a) != fascia_plan_target_get_side (b) || na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (!g_strv_contains (tb, ta[i]))
      return FALSE;
  return TRUE;
}

/* @existing: the targets of the plan already there that the bundle's plan is, or %NULL */
static gboolean
import_target (Import      *import,
               gint64       plan_id,
               GListModel  *existing,
               JsonObject  *detail,
               const char  *key,
               GError     **error)
{
  g_autoptr(FasciaPlanTarget) target = fascia_plan_target_new ();
  g_autoptr(GPtrArray) techniques = extensions (detail, "technique");
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) technique_ids = NULL;
  const char *muscle = string_extension (detail, "muscle", "valueCode");
  int side = enum_from_nick (FASCIA_TYPE_SIDE, string_extension (detail, "side", "valueCode"));
  int pressure = enum_from_nick (FASCIA_TYPE_PRESSURE,
                                 string_extension (detail, "pressure", "valueCode"));
  const char *notes = get_string (detail, "description");
  gint64 minutes = 0;
  GError *local_error = NULL;

  if (side < 0 || pressure < 0)
    return invalid (import, error, "a target has no valid side or pressure");
  if (int_extension (detail, "duration-minutes", &minutes) && (minutes < 0 || minutes > 240))
    return invalid (import, error, "a target lasts %" G_GINT64_FORMAT " minutes", minutes);

  for (guint i = 0; i < techniques->len; i++)
    {
      const char *id = get_string (g_ptr_array_index (techniques, i), "valueCode");

      if (id == NULL)
        return invalid (import, error, "a technique has no code");
      g_strv_builder_add (ids, id);
    }
  technique_ids = g_strv_builder_end (ids);

  fascia_plan_target_set_plan_id (target, plan_id);
  fascia_plan_target_set_muscle_id (target, muscle);
  fascia_plan_target_set_side (target, side);
  fascia_plan_target_set_technique_ids (target, (const char * const *) technique_ids);
  fascia_plan_target_set_pressure (target, pressure);
  fascia_plan_target_set_duration_minutes (target, minutes);
  if (notes != NULL)
    fascia_plan_target_set_notes (target, notes);

  for (guint i = 0; existing != NULL && i < g_list_model_get_n_items (existing); i++)
    {
      g_autoptr(FasciaPlanTarget) other = g_list_model_get_item (existing, i);

      if (same_target (target, other))
        {
          remember (import, key, fascia_plan_target_get_id (other));
          return TRUE;
        }
    }

  if (!fascia_store_add_plan_target (import->store, target, &local_error))
    return failed (import, error, local_error);

  remember (import, key, fascia_plan_target_get_id (target));
  return TRUE;
}

static gboolean
import_exercise (Import      *import,
                 gint64       plan_id,
                 GListModel  *existing,
                 JsonObject  *detail,
                 GError     **error)
{
  g_autoptr(FasciaHomeExercise) exercise = fascia_home_exercise_new ();
  const char *technique = string_extension (detail, "technique", "valueCode");
  const char *frequency = get_string (detail, "scheduledString");
  const char *notes = get_string (detail, "description");
  gint64 sets = 0, reps = 0;
  GError *local_error = NULL;

  if (technique == NULL)
    return invalid (import, error, "a home exercise names no technique");
  int_extension (detail, "sets", &sets);
  int_extension (detail, "reps", &reps);
  if (sets < 0 || sets > 20 || reps < 0 || reps > 200)
    return invalid (import, error, "a home exercise has %" G_GINT64_FORMAT " sets of %"
                    G_GINT64_FORMAT " repetitions", sets, reps);

  fascia_home_exercise_set_plan_id (exercise, plan_id);
  fascia_home_exercise_set_technique_id (exercise, technique);
  fascia_home_exercise_set_sets (exercise, sets);
  fascia_home_exercise_set_reps (exercise, reps);
  if (frequency != NULL)
    fascia_home_exercise_set_frequency (exercise, frequency);
  if (notes != NULL)
    fascia_home_exercise_set_notes (exercise, notes);

  for (guint i = 0; existing != NULL && i < g_list_model_get_n_items (existing); i++)
    {
      g_autoptr(FasciaHomeExercise) other = g_list_model_get_item (existing, i);

      if (g_strcmp0 (fascia_home_exercise_get_technique_id (other), technique) == 0)
        return TRUE;
    }

  if (!fascia_store_add_home_exercise (import->store, exercise, &local_error))
    return failed (import, error, local_error);
  return TRUE;
}

static gboolean
import_care_plan (Import      *import,
                  JsonObject  *resource,
                  GError     **error)
{
  g_autoptr(FasciaPlan) plan = fascia_plan_new ();
  JsonObject *period = get_object (resource, "period");
  JsonArray *goals = get_array (resource, "goal");
  JsonArray *activities = get_array (resource, "activity");
  int status = enum_from_nick (FASCIA_TYPE_PLAN_STATUS, get_string (resource, "status"));
  const char *text;
  gint64 client_id, value, plan_id = 0;
  g_autoptr(GListModel) existing_targets = NULL;
  g_autoptr(GListModel) existing_exercises = NULL;
  GError *local_error = NULL;

  if (subject_skipped (import, resource))
    {
      skip (import, import->label);
      return TRUE;
    }
  if (!resolve (import, get_object (resource, "subject"), "Patient", &client_id, error))
    return FALSE;
  if (status < 0)
    return invalid (import, error, "the status is none of draft, active or completed");

  fascia_plan_set_client_id (plan, client_id);
  fascia_plan_set_status (plan, status);
  if ((text = get_string (resource, "title")) != NULL)
    fascia_plan_set_title (plan, text);
  if ((text = get_string (period, "start")) != NULL)
    fascia_plan_set_start_date (plan, text);
  if ((text = get_string (period, "end")) != NULL)
    fascia_plan_set_end_date (plan, text);
  if (int_extension (resource, "sessions-per-week", &value))
    {
      if (value < 0 || value > 14)
        return invalid (import, error, "%" G_GINT64_FORMAT " sessions a week", value);
      fascia_plan_set_sessions_per_week (plan, value);
    }
  if (int_extension (resource, "weeks", &value))
    {
      if (value < 0 || value > 104)
        return invalid (import, error, "a plan of %" G_GINT64_FORMAT " weeks", value);
      fascia_plan_set_weeks (plan, value);
    }
  if ((text = string_extension (resource, "discharge-criteria", "valueString")) != NULL)
    fascia_plan_set_discharge_criteria (plan, text);

  if (goals != NULL && json_array_get_length (goals) > 0)
    {
      const char *ref = get_string (array_object (goals, 0), "reference");
      JsonObject *goal = ref != NULL ? g_hash_table_lookup (import->resources, ref) : NULL;

      if (goal == NULL || !g_str_has_prefix (ref, "Goal/"))
        return invalid (import, error, "the goal “%s” is not in the bundle", ref != NULL ? ref : "");
      if ((text = get_string (get_object (goal, "description"), "text")) == NULL)
        return invalid (import, error, "the goal %s has no text", ref);
      if (g_strcmp0 (get_string (get_object (goal, "subject"), "reference"),
                     get_string (get_object (resource, "subject"), "reference")) != 0)
        return invalid (import, error, "the goal %s is of another patient than its plan", ref);
      fascia_plan_set_goals (plan, text);
    }

  if (subject_merged (import, resource))
    {
      g_autoptr(GListModel) plans = fascia_store_list_plans (import->store, client_id,
                                                             &local_error);

      if (plans == NULL)
        return failed (import, error, local_error);
      for (guint i = 0; plan_id == 0 && i < g_list_model_get_n_items (plans); i++)
        {
          g_autoptr(FasciaPlan) other = g_list_model_get_item (plans, i);

          if (same_text (fascia_plan_get_title (other), fascia_plan_get_title (plan)) &&
              same_text (fascia_plan_get_start_date (other), fascia_plan_get_start_date (plan)) &&
              same_text (fascia_plan_get_end_date (other), fascia_plan_get_end_date (plan)))
            plan_id = fascia_plan_get_id (other);
        }
    }
  if (plan_id != 0)
    {
      if ((existing_targets = fascia_store_list_plan_targets (import->store, plan_id,
                                                              &local_error)) == NULL ||
          (existing_exercises = fascia_store_list_home_exercises (import->store, plan_id,
                                                                  &local_error)) == NULL)
        return failed (import, error, local_error);
    }
  else
    {
      if (!fascia_store_add_plan (import->store, plan, &local_error))
        return failed (import, error, local_error);
      plan_id = fascia_plan_get_id (plan);
      import->counts.n_plans++;
    }
  remember (import, import->label, plan_id);

  for (guint i = 0; activities != NULL && i < json_array_get_length (activities); i++)
    {
      JsonObject *activity = array_object (activities, i);
      JsonObject *detail = get_object (activity, "detail");
      const char *id = get_string (activity, "id");

      if (detail == NULL)
        return invalid (import, error, "activity %u has no detail", i + 1);

      if (extension (detail, "muscle") != NULL)
        {
          g_autofree char *key = NULL;

          if (id == NULL)
            return invalid (import, error, "activity %u has no id", i + 1);
          key = g_strdup_printf ("%s#%s", import->label, id);
          if (!import_target (import, plan_id, existing_targets, detail, key, error))
            return FALSE;
        }
      else if (!import_exercise (import, plan_id, existing_exercises, detail, error))
        return FALSE;
    }

  return TRUE;
}

/* Encounter, with its note and observations */

static gboolean
read_note (Import      *import,
           FasciaVisit *visit,
           JsonObject  *note,
           GError     **error)
{
  static const struct {
    const char       *title;
    FasciaVisitField  field;
  } sections[] = {
    { "Subjective", FASCIA_VISIT_FIELD_SUBJECTIVE },
    { "Objective", FASCIA_VISIT_FIELD_OBJECTIVE },
    { "Assessment", FASCIA_VISIT_FIELD_ASSESSMENT },
    { "Plan", FASCIA_VISIT_FIELD_PLAN_NOTES },
  };
  JsonArray *content = get_array (note, "content");

  for (guint i = 0; content != NULL && i < json_array_get_length (content); i++)
    {
      JsonObject *attachment = get_object (array_object (content, i), "attachment");
      const char *title = get_string (attachment, "title");
      const char *data = get_string (attachment, "data");
      g_autofree guchar *decoded = NULL;
      gsize length = 0;

      for (guint j = 0; j < G_N_ELEMENTS (sections); j++)
        {
          if (g_strcmp0 (title, sections[j].title) != 0 || data == NULL)
            continue;

          decoded = g_base64_decode (data, &length);
          if (!g_utf8_validate ((const char *) decoded, length, NULL) ||
              memchr (decoded, '\0', length) != NULL)
            return invalid (import, error, "the %s section of the note is not UTF-8 text",
                            title);
          {
            g_autofree char *text = g_strndup ((const char *) decoded, length);

            fascia_visit_set_field (visit, sections[j].field, text);
          }
        }
    }

  return TRUE;
}

/* Which drawing of @view a free mark's point is on: what the bundle says (a Fascia that
 * numbered the drawings wrote it), or, in a bundle of before, the drawing the view had when
 * the mark was made, which such a bundle does not say either: it is taken to be the time of
 * its visit (the Observation's own, else the encounter's), as migration 016 took a mark's
 * own time (fascia-view-drawing.c). */
static gboolean
read_drawing (Import      *import,
              JsonObject  *resource,
              const char  *view,
              GDateTime   *visited_at,
              guint       *drawing,
              GError     **error)
{
  JsonObject *ext = extension (resource, "drawing");
  const char *mark_id = get_string (resource, "id");
  const char *effective = get_string (resource, "effectiveDateTime");
  g_autoptr(GDateTime) made = effective != NULL ? g_date_time_new_from_iso8601 (effective, NULL)
                                                : NULL;
  guint current = fascia_view_drawing_current (view);
  JsonNode *node;
  gint64 value;

  if (ext == NULL)
    {
      GDateTime *when = made != NULL ? made : visited_at;

      *drawing = fascia_view_drawing_at (view, fascia_store_datetime_to_usec (when));
      return TRUE;
    }

  node = json_object_get_member (ext, "valueInteger");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (import, error, "the body-chart mark %s gives its drawing as no whole number",
                    mark_id != NULL ? mark_id : "");
  value = json_node_get_int (node);
  if ((value < 1 || value > current) && current == 1)
    return invalid (import, error, "the body-chart mark %s is on drawing %" G_GINT64_FORMAT
                    " of the %s view, which has only drawing 1", mark_id != NULL ? mark_id : "",
                    value, view);
  if (value < 1 || value > current)
    return invalid (import, error, "the body-chart mark %s is on drawing %" G_GINT64_FORMAT
                    " of the %s view, which has drawings 1 to %u", mark_id != NULL ? mark_id : "",
                    value, view, current);

  *drawing = (guint) value;
  return TRUE;
}

static gboolean
import_mark (Import      *import,
             gint64       visit_id,
             GDateTime   *visited_at,
             JsonObject  *resource,
             GError     **error)
{
  g_autoptr(FasciaPainMark) mark = fascia_pain_mark_new ();
  const char *view = string_extension (resource, "view", "valueCode");
  const char *region = string_extension (resource, "region", "valueCode");
  const char *note = get_string (array_object (get_array (resource, "note"), 0), "text");
  int type = enum_from_nick (FASCIA_TYPE_PAIN_TYPE,
                             string_extension (resource, "pain-type", "valueCode"));
  gint64 intensity;
  double x, y;
  GError *local_error = NULL;

  if (view == NULL || type < 0)
    return invalid (import, error, "a body-chart mark has no view or pain type");
  if (!get_int (resource, "valueInteger", &intensity) || intensity < 0 || intensity > 10)
    return invalid (import, error, "a body-chart mark has no intensity from 0 to 10");

  fascia_pain_mark_set_visit_id (mark, visit_id);
  fascia_pain_mark_set_view_id (mark, view);
  if (region != NULL)
    fascia_pain_mark_set_region_id (mark, region);
  else if (decimal_extension (resource, "x", &x) && decimal_extension (resource, "y", &y))
    {
      guint drawing;

      /* The store moves a point of an older drawing to the view's drawing as it is. */
      if (!read_drawing (import, resource, view, visited_at, &drawing, error))
        return FALSE;
      fascia_pain_mark_set_x (mark, x);
      fascia_pain_mark_set_y (mark, y);
      fascia_pain_mark_set_drawing (mark, drawing);
    }
  else
    return invalid (import, error, "a body-chart mark has neither a region nor a point");
  fascia_pain_mark_set_intensity (mark, intensity);
  fascia_pain_mark_set_pain_type (mark, type);
  if (note != NULL)
    fascia_pain_mark_set_note (mark, note);

  if (!fascia_store_add_pain_mark (import->store, mark, &local_error))
    return failed (import, error, local_error);
  return TRUE;
}

static gboolean
import_finding (Import      *import,
                gint64       visit_id,
                JsonObject  *resource,
                GError     **error)
{
  g_autoptr(FasciaFinding) finding = fascia_finding_new ();
  g_autoptr(GPtrArray) kinds = extensions (resource, "finding");
  g_autoptr(GFlagsClass) klass = g_type_class_ref (FASCIA_TYPE_FINDING_FLAGS);
  const char *muscle = string_extension (resource, "muscle", "valueCode");
  const char *note = get_string (array_object (get_array (resource, "note"), 0), "text");
  int side = enum_from_nick (FASCIA_TYPE_SIDE, string_extension (resource, "side", "valueCode"));
  FasciaFindingFlags flags = 0;
  GError *local_error = NULL;

  if (muscle == NULL || side < 0)
    return invalid (import, error, "a finding has no muscle or side");

  for (guint i = 0; i < kinds->len; i++)
    {
      const char *nick = get_string (g_ptr_array_index (kinds, i), "valueCode");
      GFlagsValue *value = nick != NULL ? g_flags_get_value_by_nick (klass, nick) : NULL;

      if (value == NULL)
        return invalid (import, error, "“%s” is no finding", nick != NULL ? nick : "");
      flags |= value->value;
    }

  fascia_finding_set_visit_id (finding, visit_id);
  fascia_finding_set_muscle_id (finding, muscle);
  fascia_finding_set_side (finding, side);
  fascia_finding_set_flags (finding, flags);
  if (note != NULL)
    fascia_finding_set_note (finding, note);

  if (!fascia_store_add_finding (import->store, finding, &local_error))
    return failed (import, error, local_error);
  return TRUE;
}

/* Leaves out the encounter being read, with its note (and so the note's amendments). */
static gboolean
skip_encounter (Import    *import,
                GPtrArray *attached)
{
  skip (import, import->label);
  for (guint i = 0; attached != NULL && i < attached->len; i++)
    {
      JsonObject *other = g_ptr_array_index (attached, i);

      if (g_strcmp0 (get_string (other, "resourceType"), "DocumentReference") == 0)
        {
          g_autofree char *key = g_strdup_printf ("DocumentReference/%s",
                                                  get_string (other, "id"));
          skip (import, key);
        }
    }
  return TRUE;
}

static gboolean
import_encounter (Import      *import,
                  JsonObject  *resource,
                  GError     **error)
{
  g_autoptr(FasciaVisit) visit = fascia_visit_new ();
  g_autoptr(GDateTime) visited_at = NULL;
  g_autoptr(GPtrArray) treated = extensions (resource, "treated-target");
  g_autoptr(GArray) target_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonObject *plan_ext = extension (resource, "care-plan");
  const char *start = get_string (get_object (resource, "period"), "start");
  GPtrArray *attached = g_hash_table_lookup (import->by_encounter, import->label);
  gint64 client_id, plan_id, visit_id;
  GError *local_error = NULL;

  if (subject_skipped (import, resource))
    return skip_encounter (import, attached);
  if (!resolve (import, get_object (resource, "subject"), "Patient", &client_id, error))
    return FALSE;
  if (start == NULL || (visited_at = g_date_time_new_from_iso8601 (start, NULL)) == NULL)
    return invalid (import, error, "the encounter has no start time");
  if (subject_merged (import, resource))
    {
      g_autoptr(GListModel) visits = fascia_store_list_visits (import->store, client_id,
                                                               &local_error);

      if (visits == NULL)
        return failed (import, error, local_error);
      for (guint i = 0; i < g_list_model_get_n_items (visits); i++)
        {
          g_autoptr(FasciaVisit) other = g_list_model_get_item (visits, i);

          if (g_date_time_to_unix (fascia_visit_get_visited_at (other)) ==
              g_date_time_to_unix (visited_at))
            return skip_encounter (import, attached);
        }
    }

  fascia_visit_set_client_id (visit, client_id);
  fascia_visit_set_visited_at (visit, visited_at);
  if (plan_ext != NULL)
    {
      if (!resolve (import, get_object (plan_ext, "valueReference"), "CarePlan", &plan_id, error))
        return FALSE;
      fascia_visit_set_plan_id (visit, plan_id);
    }
  for (guint i = 0; i < treated->len; i++)
    {
      const char *target = get_string (g_ptr_array_index (treated, i), "valueString");
      g_autofree char *key = g_strconcat ("CarePlan/", target, NULL);
      gpointer value;

      if (target == NULL || !g_hash_table_lookup_extended (import->db_ids, key, NULL, &value))
        return invalid (import, error, "the treated target “%s” is in no plan of the bundle",
                        target != NULL ? target : "");
      g_array_append_val (target_ids, *(gint64 *) value);
    }
  fascia_visit_set_treated_target_ids (visit, (const gint64 *) target_ids->data, target_ids->len);

  for (guint i = 0; attached != NULL && i < attached->len; i++)
    {
      JsonObject *other = g_ptr_array_index (attached, i);
      const char *type = get_string (other, "resourceType");
      const char *timing = string_extension (other, "pain-timing", "valueCode");
      gint64 score;

      if (g_strcmp0 (type, "DocumentReference") == 0)
        {
          if (!read_note (import, visit, other, error))
            return FALSE;
        }
      else if (timing != NULL)
        {
          if (!get_int (other, "valueInteger", &score) || score < 0 || score > 10)
            return invalid (import, error, "a pain score is not from 0 to 10");
          if (g_str_equal (timing, "before"))
            fascia_visit_set_pain_before (visit, score);
          else if (g_str_equal (timing, "after"))
            fascia_visit_set_pain_after (visit, score);
          else
            return invalid (import, error, "a pain score is neither before nor after");
        }
    }

  if (!fascia_store_add_visit (import->store, visit, &local_error))
    return failed (import, error, local_error);
  visit_id = fascia_visit_get_id (visit);
  import->counts.n_visits++;
  remember (import, import->label, visit_id);

  for (guint i = 0; attached != NULL && i < attached->len; i++)
    {
      JsonObject *other = g_ptr_array_index (attached, i);
      const char *type = get_string (other, "resourceType");
      g_autofree char *note_key = NULL;

      if (g_strcmp0 (type, "DocumentReference") == 0)
        {
          note_key = g_strdup_printf ("DocumentReference/%s", get_string (other, "id"));
          remember (import, note_key, visit_id);
        }
      else if (extension (other, "view") != NULL)
        {
          if (!import_mark (import, visit_id, visited_at, other, error))
            return FALSE;
        }
      else if (extension (other, "muscle") != NULL)
        {
          if (!import_finding (import, visit_id, other, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
import_provenance (Import      *import,
                   JsonObject  *resource,
                   GError     **error)
{
  const char *field = string_extension (resource, "amended-field", "valueCode");
  const char *old_text = string_extension (resource, "old-text", "valueString");
  const char *new_text = string_extension (resource, "new-text", "valueString");
  const char *recorded = get_string (resource, "recorded");
  JsonObject *agent = array_object (get_array (resource, "agent"), 0);
  const char *amended_by = get_string (get_object (agent, "who"), "display");
  g_autoptr(GDateTime) amended_at = NULL;
  gint64 visit_id;
  GError *local_error = NULL;
  const char *target = get_string (array_object (get_array (resource, "target"), 0), "reference");

  if (target != NULL && g_hash_table_contains (import->skipped, target))
    return TRUE;
  if (!resolve (import, array_object (get_array (resource, "target"), 0), "DocumentReference",
                &visit_id, error))
    return FALSE;
  if (field == NULL)
    return invalid (import, error, "the amendment names no field");
  if (recorded == NULL || (amended_at = g_date_time_new_from_iso8601 (recorded, NULL)) == NULL)
    return invalid (import, error, "the amendment has no time");

  if (!fascia_store_insert_amendment (import->store, visit_id, field,
                                      old_text != NULL ? old_text : "",
                                      new_text != NULL ? new_text : "", amended_at,
                                      g_strcmp0 (amended_by, FASCIA_FHIR_UNKNOWN_AUTHOR) != 0
                                      ? amended_by : NULL, &local_error))
    return failed (import, error, local_error);
  return TRUE;
}

/* The bundle */

static const char * const known_types[] = {
  "Patient", "Goal", "CarePlan", "Encounter", "DocumentReference", "Observation", "Provenance",
  NULL
};

static gboolean
valid_id (const char *id)
{
  gsize length = id != NULL ? strlen (id) : 0;

  if (length == 0 || length > 64)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
      return FALSE;
  return TRUE;
}

/* Checks every entry and indexes the resources by reference and by encounter. */
static gboolean
index_bundle (Import      *import,
              JsonArray   *entries,
              GPtrArray   *order,
              GError     **error)
{
  guint n = json_array_get_length (entries);

  if (n > MAX_ENTRIES)
    return invalid (import, error, "the bundle holds %u entries, more than Fascia reads", n);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *resource = get_object (array_object (entries, i), "resource");
      const char *type = get_string (resource, "resourceType");
      const char *id = get_string (resource, "id");
      char *key;

      import->entry = i + 1;
      import->label = NULL;
      if (resource == NULL)
        return invalid (import, error, "entry %u holds no resource", i + 1);
      if (type == NULL || !g_strv_contains (known_types, type))
        return invalid (import, error, "entry %u is a %s, which Fascia does not import", i + 1,
                        type != NULL ? type : "resource without a type");
      if (!valid_id (id))
        return invalid (import, error, "entry %u (%s) has no valid id", i + 1, type);

      key = g_strdup_printf ("%s/%s", type, id);
      if (g_hash_table_contains (import->resources, key))
        {
          invalid (import, error, "entry %u: %s is in the bundle twice", i + 1, key);
          g_free (key);
          return FALSE;
        }
      g_hash_table_insert (import->resources, key, resource);
      g_ptr_array_add (order, key);

      if (g_str_equal (type, "Observation") && is_pregnancy_status (resource))
        {
          const char *ref = get_string (get_object (resource, "subject"), "reference");

          if (ref == NULL || !g_str_has_prefix (ref, "Patient/") ||
              !g_hash_table_contains (import->resources, ref))
            return invalid (import, error, "entry %u (%s) is of no patient earlier in the bundle",
                            i + 1, key);
          if (g_hash_table_contains (import->pregnancy, ref))
            return invalid (import, error, "entry %u: %s has a second pregnancy status", i + 1,
                            ref);
          g_hash_table_insert (import->pregnancy, g_strdup (ref), resource);
        }
      else if (g_str_equal (type, "Observation") || g_str_equal (type, "DocumentReference"))
        {
          JsonObject *encounter = g_str_equal (type, "Observation")
                                  ? get_object (resource, "encounter")
                                  : array_object (get_array (get_object (resource, "context"),
                                                             "encounter"), 0);
          const char *ref = get_string (encounter, "reference");
          GPtrArray *list;

          if (ref == NULL)
            return invalid (import, error, "entry %u (%s) belongs to no encounter", i + 1, key);
          list = g_hash_table_lookup (import->by_encounter, ref);
          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (import->by_encounter, g_strdup (ref), list);
            }
          g_ptr_array_add (list, resource);
        }
    }

  return TRUE;
}

static gboolean
import_all (Import      *import,
            GPtrArray   *order,
            GError     **error)
{
  for (guint i = 0; i < order->len; i++)
    {
      const char *key = g_ptr_array_index (order, i);
      JsonObject *resource = g_hash_table_lookup (import->resources, key);
      const char *type = get_string (resource, "resourceType");
      gboolean ok = TRUE;

      if (g_cancellable_set_error_if_cancelled (import->cancellable, error))
        return FALSE;
      if (import->permille != NULL)
        g_atomic_int_set (import->permille, (gint) ((guint64) i * 1000 / order->len));

      import->entry = i + 1;
      import->label = key;

      if (g_str_equal (type, "Patient"))
        ok = import_patient (import, resource, error);
      else if (g_str_equal (type, "CarePlan"))
        ok = import_care_plan (import, resource, error);
      else if (g_str_equal (type, "Encounter"))
        ok = import_encounter (import, resource, error);
      else if (g_str_equal (type, "Provenance"))
        ok = import_provenance (import, resource, error);
      /* Goals are read with their plan; notes and observations with their encounter. */

      if (!ok)
        return FALSE;
    }

  /* Every observation and note was read with an encounter of the bundle. */
  {
    GHashTableIter iter;
    gpointer ref;

    g_hash_table_iter_init (&iter, import->by_encounter);
    while (g_hash_table_iter_next (&iter, &ref, NULL))
      if (!g_hash_table_contains (import->db_ids, ref) &&
          !g_hash_table_contains (import->skipped, ref))
        {
          import->label = NULL;
          return invalid (import, error, "observations refer to “%s”, which is not in the bundle",
                          (const char *) ref);
        }
  }

  return TRUE;
}

/* Parses @bundle and indexes its entries into @import; %NULL with an error if it is not a
 * bundle Fascia reads. */
static JsonParser *
parse_bundle (Import     *import,
              GBytes     *bundle,
              GPtrArray  *order,
              GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonArray *entries;
  const char *data;
  gsize size;

  data = g_bytes_get_data (bundle, &size);
  if (size > FHIR_MAX_SIZE)
    {
      invalid (import, error, "the file is too large to import (%" G_GSIZE_FORMAT " bytes)",
               size);
      return NULL;
    }
  if (size == 0 || !g_utf8_validate (data, size, NULL))
    {
      invalid (import, error, "this is not a FHIR bundle in JSON (not UTF-8 text)");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      invalid (import, error, "this is not a FHIR bundle in JSON: %s", local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (g_strcmp0 (get_string (object, "resourceType"), "Bundle") != 0)
    {
      invalid (import, error, "this is JSON, but not a FHIR Bundle");
      return NULL;
    }
  if ((entries = get_array (object, "entry")) == NULL)
    {
      invalid (import, error, "the bundle has no entries");
      return NULL;
    }

  if (!index_bundle (import, entries, order, error))
    return NULL;
  return g_steal_pointer (&parser);
}

static void
import_init (Import               *import,
             FasciaStore          *store,
             FasciaFhirDuplicates  duplicates)
{
  memset (import, 0, sizeof *import);
  import->store = store;
  import->duplicates = duplicates;
  import->resources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->db_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->by_encounter = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) g_ptr_array_unref);
  import->pregnancy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->merged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->skipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
import_clear (Import *import)
{
  g_hash_table_unref (import->resources);
  g_hash_table_unref (import->db_ids);
  g_hash_table_unref (import->by_encounter);
  g_hash_table_unref (import->pregnancy);
  g_hash_table_unref (import->merged);
  g_hash_table_unref (import->skipped);
}

/**
 * fascia_fhir_import:
 * @bundle: a FHIR R4 Bundle in JSON, as fascia_fhir_export() writes it
 * @duplicates: what to do with a patient who is already a client
 * @counts: (out) (optional): what was imported
 *
 * Adds every record of @bundle to @store, all or nothing. What merging does is told at the
 * top of this file (and in the README).
 *
 * Returns: %TRUE on success; else %FASCIA_STORE_ERROR_INVALID naming the entry at fault,
 *   or %FASCIA_STORE_ERROR_EXISTS naming a duplicate when @duplicates refuses them, and
 *   nothing was added.
 */
gboolean
fascia_fhir_import (FasciaStore             *store,
                    GBytes                  *bundle,
                    FasciaFhirDuplicates     duplicates,
                    FasciaFhirImportCounts  *counts,
                    GError                 **error)
{
  return fascia_fhir_import_full (store, bundle, duplicates, counts, NULL, NULL, error);
}

/**
 * fascia_fhir_import_full:
 * @cancellable: (nullable): looked at before each entry; cancelled, nothing is imported
 *   (%G_IO_ERROR_CANCELLED)
 * @permille: (nullable): set to how far the import is, in thousandths, for another thread to
 *   read with g_atomic_int_get()
 *
 * As fascia_fhir_import(), for a worker (fascia_fhir_import_async()).
 */
gboolean
fascia_fhir_import_full (FasciaStore             *store,
                         GBytes                  *bundle,
                         FasciaFhirDuplicates     duplicates,
                         FasciaFhirImportCounts  *counts,
                         GCancellable            *cancellable,
                         gint                    *permille,
                         GError                 **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GError) commit_error = NULL;
  FasciaCommitCheck check;
  Import import;
  gboolean ok = FALSE;

  g_return_val_if_fail (FASCIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (bundle != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  import_init (&import, store, duplicates);
  import.cancellable = cancellable;
  import.permille = permille;
  if ((parser = parse_bundle (&import, bundle, order, error)) != NULL &&
      fascia_store_begin_batch (store, error))
    {
      /* A COMMIT the clinic server leaves unanswered may have been done: the import finds
       * out which and says so, as an import of a CSV file does
       * (fascia_store_check_import_commit()). */
      ok = import_all (&import, order, error) && fascia_store_watch_commit (store, &check, error);
      if (!ok)
        fascia_store_end_batch (store, FALSE, NULL);
      else if (!fascia_store_end_batch (store, TRUE, &commit_error) &&
               !fascia_store_check_import_commit (store, &check, &commit_error))
        {
          g_propagate_error (error, g_steal_pointer (&commit_error));
          ok = FALSE;
        }
    }

  if (ok && counts != NULL)
    *counts = import.counts;

  import_clear (&import);
  return ok;
}

typedef struct
{
  char                   *database;
  GBytes                 *bundle;
  FasciaFhirDuplicates    duplicates;
  FasciaFhirImportCounts  counts;
  guint                   answer_timeout;
  gint                   *permille;
  FasciaStoreIdValidator  validator;       /* the store's, on the worker's connection too */
  gpointer                validator_data;  /* the store's, which the task holds */
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->database);
  g_bytes_unref (job->bundle);
  g_free (job);
}

/* A job on @store's database, on a connection of the worker's own that checks the bundle's
 * atlas ids as @store does (the validator's data is the store's, which the task holds). */
static ImportJob *
import_job_new (FasciaStore          *store,
                GBytes               *bundle,
                FasciaFhirDuplicates  duplicates,
                gint                 *permille)
{
  ImportJob *job = g_new0 (ImportJob, 1);

  job->database = g_strdup (fascia_store_get_database (store));
  job->bundle = g_bytes_ref (bundle);
  job->duplicates = duplicates;
  job->answer_timeout = fascia_store_get_job_answer_timeout (store);
  job->permille = permille;
  job->validator = fascia_store_get_id_validator (store, &job->validator_data);
  return job;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;

  /* On a connection of its own, which a cancel (or a clinic server silent for the job's
   * answer time) ends; the import is one transaction, rolled back unless it committed. */
  store = fascia_store_open_reader_for (job->database, cancellable, job->answer_timeout, &error);
  if (store != NULL)
    fascia_store_set_id_validator (store, job->validator, job->validator_data, NULL);
  if (store == NULL ||
      !fascia_fhir_import_full (store, job->bundle, job->duplicates, &job->counts, cancellable,
                                job->permille, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  fascia_store_close (store);
  g_task_return_boolean (task, TRUE);
}

/**
 * fascia_fhir_import_async:
 * @permille: (nullable): as fascia_fhir_import_full(); must live until @callback
 *
 * Runs fascia_fhir_import_full() in a worker thread on a connection of its own; the window
 * goes on meanwhile. Cancelled, or failing, it imports nothing.
 */
void
fascia_fhir_import_async (FasciaStore          *store,
                          GBytes               *bundle,
                          FasciaFhirDuplicates  duplicates,
                          GCancellable         *cancellable,
                          gint                 *permille,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (FASCIA_IS_STORE (store));
  g_return_if_fail (bundle != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, fascia_fhir_import_async);
  job = import_job_new (store, bundle, duplicates, permille);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  /* Failing or cancelled, the import changed nothing; done, it must be heard of, even when
   * Cancel came too late to stop it (at its COMMIT): the worker says which. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, import_thread);
}

/**
 * fascia_fhir_import_finish:
 * @counts: (out) (optional): what was imported
 *
 * Returns: %TRUE if every record was imported; then @store tells its listeners that every
 *   table may have changed.
 */
gboolean
fascia_fhir_import_finish (FasciaStore             *store,
                           GAsyncResult            *result,
                           FasciaFhirImportCounts  *counts,
                           GError                 **error)
{
  ImportJob *job;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  job = g_task_get_task_data (G_TASK (result));
  if (counts != NULL)
    *counts = job->counts;

  /* Another connection wrote: whoever shows records reads them again. */
  if (fascia_store_begin (store, NULL))
    {
      for (int table = FASCIA_STORE_TABLE_CLIENTS; table <= FASCIA_STORE_TABLE_STUDY_RESULTS;
           table++)
        fascia_store_queue_change (store, (FasciaStoreTable) table, FASCIA_STORE_CHANGE_RELOAD,
                                   0, 0);
      fascia_store_commit (store, NULL);
    }
  return TRUE;
}

/**
 * fascia_fhir_find_duplicates:
 *
 * Reads @bundle, changing nothing, for the patients in it who are already clients.
 *
 * Returns: (transfer container) (element-type FasciaClient): the clients already in @store
 *   that patients of @bundle repeat, in the bundle's order, each once; or %NULL with the
 *   error fascia_fhir_import() would give for a bundle it does not read.
 */
GPtrArray *
fascia_fhir_find_duplicates (FasciaStore  *store,
                             GBytes       *bundle,
                             GError      **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  Import import;
  gboolean ok = TRUE;

  g_return_val_if_fail (FASCIA_IS_STORE (store), NULL);
  g_return_val_if_fail (bundle != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  import_init (&import, store, FASCIA_FHIR_DUPLICATES_REFUSE);
  if ((parser = parse_bundle (&import, bundle, order, error)) == NULL)
    ok = FALSE;

  for (guint i = 0; ok && i < order->len; i++)
    {
      const char *key = g_ptr_array_index (order, i);
      JsonObject *resource = g_hash_table_lookup (import.resources, key);
      g_autoptr(FasciaClient) client = NULL;
      FasciaClient *existing;
      gint64 duplicate;

      if (!g_str_has_prefix (key, "Patient/"))
        continue;
      import.entry = i + 1;
      import.label = key;
      if ((client = read_patient (&import, resource, key, error)) == NULL ||
          (duplicate = fascia_store_find_duplicate_client (store, client, error)) < 0)
        {
          ok = FALSE;
          break;
        }
      if (duplicate == 0 || g_hash_table_contains (seen, &duplicate))
        continue;
      if ((existing = fascia_store_load_client (store, duplicate, error)) == NULL)
        {
          ok = FALSE;
          break;
        }
      g_hash_table_add (seen, g_memdup2 (&duplicate, sizeof duplicate));
      g_ptr_array_add (found, existing);
    }

  import_clear (&import);
  return ok ? g_steal_pointer (&found) : NULL;
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  GPtrArray *found = NULL;

  store = fascia_store_open_reader_for (job->database, cancellable, job->answer_timeout, &error);
  if (store != NULL)
    {
      fascia_store_set_id_validator (store, job->validator, job->validator_data, NULL);
      found = fascia_fhir_find_duplicates (store, job->bundle, &error);
      fascia_store_close (store);
    }
  if (found == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, found, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * fascia_fhir_find_duplicates_async:
 * @cancellable: (nullable): the result is then %G_IO_ERROR_CANCELLED, at once
 *
 * Runs fascia_fhir_find_duplicates() in a worker thread on a connection of its own: a bundle
 * of a clinic's records is tens of megabytes, read in seconds. It changes nothing, so a cancel
 * answers at once and the worker's result, when it comes, is dropped.
 */
void
fascia_fhir_find_duplicates_async (FasciaStore         *store,
                                   GBytes              *bundle,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FASCIA_IS_STORE (store));
  g_return_if_fail (bundle != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, fascia_fhir_find_duplicates_async);
  g_task_set_task_data (task, import_job_new (store, bundle, FASCIA_FHIR_DUPLICATES_REFUSE,
                                              NULL),
                        (GDestroyNotify) import_job_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, find_thread);
}

/**
 * fascia_fhir_find_duplicates_finish:
 *
 * Returns: (transfer container) (element-type FasciaClient): as fascia_fhir_find_duplicates()
 */
GPtrArray *
fascia_fhir_find_duplicates_finish (FasciaStore   *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * fascia_fhir_duplicates_from_string:
 * @text: "skip", "merge" or "add"
 */
gboolean
fascia_fhir_duplicates_from_string (const char           *text,
                                    FasciaFhirDuplicates *duplicates)
{
  static const char * const names[] = { "refuse", "skip", "merge", "add" };

  for (guint i = 1; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *duplicates = (FasciaFhirDuplicates) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * fascia_fhir_atlas_has_id:
 * @atlas: (type FasciaAtlas): the atlas the ids must name
 *
 * A #FasciaStoreIdValidator over @atlas, for a store that imports records from elsewhere.
 */
gboolean
fascia_fhir_atlas_has_id (FasciaStoreIdKind  kind,
                          const char        *id,
                          gpointer           atlas)
{
  switch (kind)
    {
    case FASCIA_STORE_ID_MUSCLE:
      return fascia_atlas_lookup_muscle (atlas, id) != NULL;
    case FASCIA_STORE_ID_TECHNIQUE:
      return fascia_atlas_lookup_technique (atlas, id) != NULL;
    case FASCIA_STORE_ID_VIEW:
      return fascia_atlas_lookup_view (atlas, id) != NULL;
    default:
      return FALSE;
    }
}
