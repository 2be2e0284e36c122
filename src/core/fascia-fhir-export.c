/* fascia-fhir-export.c — client records as a FHIR R4 JSON bundle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-fhir"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "fascia/fascia-muscle.h"
#include "fascia/fascia-technique.h"
#include "fascia/fascia-landmark.h"

#include "fascia-fhir-private.h"
#include "fascia-store-private.h"

/*
 * One bundle of type "collection" holds, for each client: a Patient; a CarePlan per plan,
 * with a Goal for its goals and an activity per target (technique) and per home exercise;
 * an Encounter per visit, with its SOAP note as a DocumentReference (one attachment per
 * section), Observations for the pain before and after treatment (LOINC 72514-3, 0–10), for
 * each body-chart mark (its body site as text, with a SNOMED CT code where one is standard)
 * and for each finding; and a Provenance for each amendment of a locked note.
 *
 * Everything FHIR has no element for (intake flags, pressure, the point of a mark on the
 * drawing and which of its view's drawings that is) goes into extensions under
 * FASCIA_FHIR_BASE, so that fascia_fhir_import() brings the record back whole. Resource ids
 * follow the records' order (`p3-v2-mark1`), not database ids, so the same records give the
 * same bundle in any installation; nothing in it depends on when it was written.
 */

/* SNOMED CT body structures, only where a standard concept names exactly the muscle:
 * gluteus maximus and medius as in the SNOMED CT body sites of HL7's approach-site value set,
 * latissimus dorsi as in DICOM PS3.16 CID 6116 (Muscular Anatomy). Others carry text only. */
static const struct {
  const char *muscle;
  const char *code;
  const char *display;
} snomed_muscles[] = {
  { "gluteus-maximus", "206007", "Gluteus maximus muscle" },
  { "gluteus-medius", "78333006", "Gluteus medius muscle" },
  { "latissimus-dorsi", "15665001", "Latissimus dorsi muscle" },
};

const char *
fascia_fhir_snomed_for_muscle (const char  *muscle_id,
                               const char **display)
{
  for (guint i = 0; i < G_N_ELEMENTS (snomed_muscles); i++)
    if (g_strcmp0 (muscle_id, snomed_muscles[i].muscle) == 0)
      {
        if (display != NULL)
          *display = snomed_muscles[i].display;
        return snomed_muscles[i].code;
      }

  return NULL;
}

typedef struct
{
  FasciaStore *store;
  FasciaAtlas *atlas;
  JsonArray   *entries;
} Export;

static gint64
id_of (gpointer object)
{
  gint64 id = 0;

  g_object_get (object, "id", &id, NULL);
  return id;
}

static int
compare_by_id (gconstpointer a,
               gconstpointer b)
{
  gint64 ia = id_of (*(gpointer *) a);
  gint64 ib = id_of (*(gpointer *) b);

  return ia < ib ? -1 : ia > ib;
}

/* The items of @model in the order they were made, so the bundle does not depend on how
 * the store sorts them for display. */
static GPtrArray *
sorted (GListModel *model)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  g_ptr_array_sort (items, compare_by_id);
  return items;
}

/* Maps database ids to the ids of the bundle. */
static GHashTable *
id_map_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

static void
id_map_insert (GHashTable *map,
               gint64      id,
               char       *bundle_id)
{
  g_hash_table_insert (map, g_memdup2 (&id, sizeof id), bundle_id);
}

static const char *
id_map_lookup (GHashTable *map,
               gint64      id)
{
  return g_hash_table_lookup (map, &id);
}

static char *
format_datetime (GDateTime *datetime)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (datetime);

  return g_date_time_format_iso8601 (utc);
}

static JsonObject *
reference (const char *type,
           const char *id)
{
  JsonObject *object = json_object_new ();
  g_autofree char *text = g_strdup_printf ("%s/%s", type, id);

  json_object_set_string_member (object, "reference", text);
  return object;
}

static void
add_extension (JsonObject *object,
               const char *url,
               const char *value_type,
               JsonNode   *value)
{
  JsonArray *extensions;
  JsonObject *extension = json_object_new ();

  if (!json_object_has_member (object, "extension"))
    json_object_set_array_member (object, "extension", json_array_new ());
  extensions = json_object_get_array_member (object, "extension");

  json_object_set_string_member (extension, "url", url);
  json_object_set_member (extension, value_type, value);
  json_array_add_object_element (extensions, extension);
}

static void
add_string_extension (JsonObject *object,
                      const char *name,
                      const char *value)
{
  g_autofree char *url = NULL;

  /* FHIR strings may not be empty: an empty value is left out. */
  if (value == NULL || value[0] == '\0')
    return;
  url = g_strconcat (FHIR_EXT (""), name, NULL);
  add_extension (object, url, "valueString", json_node_init_string (json_node_alloc (), value));
}

static void
add_code_extension (JsonObject *object,
                    const char *name,
                    const char *value)
{
  g_autofree char *url = g_strconcat (FHIR_EXT (""), name, NULL);

  add_extension (object, url, "valueCode", json_node_init_string (json_node_alloc (), value));
}

static void
add_int_extension (JsonObject *object,
                   const char *name,
                   gint64      value)
{
  g_autofree char *url = g_strconcat (FHIR_EXT (""), name, NULL);

  add_extension (object, url, "valueInteger", json_node_init_int (json_node_alloc (), value));
}

static void
add_decimal_extension (JsonObject *object,
                       const char *name,
                       double      value)
{
  g_autofree char *url = g_strconcat (FHIR_EXT (""), name, NULL);

  add_extension (object, url, "valueDecimal",
                 json_node_init_double (json_node_alloc (), value));
}

static void
set_nonempty (JsonObject *object,
              const char *member,
              const char *value)
{
  if (value != NULL && value[0] != '\0')
    json_object_set_string_member (object, member, value);
}

static void
add_entry (Export     *export,
           JsonObject *resource)
{
  JsonObject *entry = json_object_new ();

  json_object_set_object_member (entry, "resource", resource);
  json_array_add_object_element (export->entries, entry);
}

static JsonObject *
new_resource (const char *type,
              const char *id)
{
  JsonObject *resource = json_object_new ();

  json_object_set_string_member (resource, "resourceType", type);
  json_object_set_string_member (resource, "id", id);
  return resource;
}

static const char *
side_text (FasciaSide side)
{
  switch (side)
    {
    case FASCIA_SIDE_LEFT:
      return "left";
    case FASCIA_SIDE_RIGHT:
      return "right";
    case FASCIA_SIDE_BOTH:
      return "both sides";
    case FASCIA_SIDE_NONE:
    default:
      return NULL;
    }
}

static char *
muscle_text (Export     *export,
             const char *muscle_id,
             FasciaSide  side)
{
  FasciaMuscle *muscle = export->atlas != NULL
                         ? fascia_atlas_lookup_muscle (export->atlas, muscle_id) : NULL;
  const char *name = muscle != NULL ? fascia_muscle_get_name (muscle) : muscle_id;
  const char *side_name = side_text (side);

  return side_name != NULL ? g_strdup_printf ("%s, %s", name, side_name) : g_strdup (name);
}

static const char *
technique_name (Export     *export,
                const char *technique_id)
{
  FasciaTechnique *technique = export->atlas != NULL
                               ? fascia_atlas_lookup_technique (export->atlas, technique_id)
                               : NULL;

  return technique != NULL ? fascia_technique_get_name (technique) : technique_id;
}

static JsonObject *
codeable_text (const char *text)
{
  JsonObject *concept = json_object_new ();

  json_object_set_string_member (concept, "text", text);
  return concept;
}

/* A CodeableConcept of one coding; @display may be %NULL. */
static JsonObject *
coded (const char *system,
       const char *code,
       const char *display)
{
  JsonObject *concept = json_object_new ();
  JsonArray *codings = json_array_new ();
  JsonObject *coding = json_object_new ();

  json_object_set_string_member (coding, "system", system);
  json_object_set_string_member (coding, "code", code);
  if (display != NULL)
    json_object_set_string_member (coding, "display", display);
  json_array_add_object_element (codings, coding);
  json_object_set_array_member (concept, "coding", codings);
  return concept;
}

static JsonObject *
body_site (Export     *export,
           const char *muscle_id,
           FasciaSide  side,
           const char *text)
{
  JsonObject *site = json_object_new ();
  const char *display = NULL;
  const char *code = muscle_id != NULL ? fascia_fhir_snomed_for_muscle (muscle_id, &display)
                                       : NULL;

  if (code != NULL)
    {
      JsonArray *codings = json_array_new ();
      JsonObject *coding = json_object_new ();

      json_object_set_string_member (coding, "system", FHIR_SNOMED);
      json_object_set_string_member (coding, "code", code);
      json_object_set_string_member (coding, "display", display);
      json_array_add_object_element (codings, coding);
      json_object_set_array_member (site, "coding", codings);
    }
  json_object_set_string_member (site, "text", text);
  return site;
}

/* Patient */

static void
export_patient (Export       *export,
                FasciaClient *client,
                const char   *id)
{
  JsonObject *patient = new_resource ("Patient", id);
  JsonArray *names = json_array_new ();
  JsonObject *name = json_object_new ();
  JsonArray *telecom = json_array_new ();
  FasciaHealthFlags flags = fascia_client_get_health_flags (client);
  const char *dob = fascia_client_get_date_of_birth (client);
  g_autoptr(GFlagsClass) flags_class = g_type_class_ref (FASCIA_TYPE_HEALTH_FLAGS);

  for (guint i = 0; i < flags_class->n_values; i++)
    if (flags_class->values[i].value != 0 && (flags & flags_class->values[i].value) != 0)
      add_code_extension (patient, "intake-flag", flags_class->values[i].value_nick);
  add_string_extension (patient, "health-notes", fascia_client_get_health_notes (client));
  add_string_extension (patient, "notes", fascia_client_get_notes (client));

  json_object_set_boolean_member (patient, "active", !fascia_client_get_archived (client));
  json_object_set_string_member (name, "text", fascia_client_get_name (client));
  json_array_add_object_element (names, name);
  json_object_set_array_member (patient, "name", names);

  if (fascia_client_get_phone (client)[0] != '\0')
    {
      JsonObject *point = json_object_new ();

      json_object_set_string_member (point, "system", "phone");
      json_object_set_string_member (point, "value", fascia_client_get_phone (client));
      json_array_add_object_element (telecom, point);
    }
  if (fascia_client_get_email (client)[0] != '\0')
    {
      JsonObject *point = json_object_new ();

      json_object_set_string_member (point, "system", "email");
      json_object_set_string_member (point, "value", fascia_client_get_email (client));
      json_array_add_object_element (telecom, point);
    }
  if (json_array_get_length (telecom) > 0)
    json_object_set_array_member (patient, "telecom", telecom);
  else
    json_array_unref (telecom);

  if (dob != NULL && dob[0] != '\0')
    json_object_set_string_member (patient, "birthDate", dob);

  add_entry (export, patient);
}

/* The intake's pregnancy as the standard pregnancy status (LOINC 82810-3, answer LA15173-0
 * Pregnant, as in HL7's International Patient Summary), with the trimester, when the intake
 * gives it, as a component coded by its SNOMED CT period of life. */
static void
export_pregnancy (Export       *export,
                  FasciaClient *client,
                  const char   *patient_id)
{
  static const struct {
    const char *code;
    const char *text;
  } trimesters[] = {
    { "255246003", "First trimester" },
    { "255247007", "Second trimester" },
    { "255248004", "Third trimester" },
  };
  g_autofree char *id = g_strconcat (patient_id, "-pregnancy", NULL);
  guint trimester = fascia_client_get_pregnancy_trimester (client);
  JsonObject *resource;
  JsonObject *code;
  JsonObject *value;

  if ((fascia_client_get_health_flags (client) & FASCIA_HEALTH_PREGNANCY) == 0)
    return;

  resource = new_resource ("Observation", id);
  json_object_set_string_member (resource, "status", "final");
  code = coded (FHIR_LOINC, "82810-3", "Pregnancy status");
  json_object_set_string_member (code, "text", "Pregnancy status (intake)");
  json_object_set_object_member (resource, "code", code);
  json_object_set_object_member (resource, "subject", reference ("Patient", patient_id));
  value = coded (FHIR_LOINC, "LA15173-0", "Pregnant");
  json_object_set_string_member (value, "text", "Pregnant");
  json_object_set_object_member (resource, "valueCodeableConcept", value);

  if (trimester >= 1 && trimester <= G_N_ELEMENTS (trimesters))
    {
      JsonArray *components = json_array_new ();
      JsonObject *component = json_object_new ();
      JsonObject *trimester_value = coded (FHIR_SNOMED, trimesters[trimester - 1].code, NULL);

      json_object_set_object_member (component, "code", codeable_text ("Trimester of pregnancy"));
      json_object_set_string_member (trimester_value, "text", trimesters[trimester - 1].text);
      json_object_set_object_member (component, "valueCodeableConcept", trimester_value);
      json_array_add_object_element (components, component);
      json_object_set_array_member (resource, "component", components);
    }
  add_entry (export, resource);
}

/* CarePlan and Goal */

static const char *
plan_status (FasciaPlanStatus status)
{
  return fascia_store_enum_nick (FASCIA_TYPE_PLAN_STATUS, status);
}

static JsonObject *
target_activity (Export           *export,
                 FasciaPlanTarget *target,
                 guint             position)
{
  JsonObject *activity = json_object_new ();
  JsonObject *detail = json_object_new ();
  const char * const *techniques = fascia_plan_target_get_technique_ids (target);
  g_autofree char *site = muscle_text (export, fascia_plan_target_get_muscle_id (target),
                                       fascia_plan_target_get_side (target));
  g_autoptr(GString) title = g_string_new (NULL);
  g_autofree char *id = g_strdup_printf ("t%u", position);

  json_object_set_string_member (activity, "id", id);

  add_code_extension (detail, "muscle", fascia_plan_target_get_muscle_id (target));
  add_code_extension (detail, "side", fascia_store_enum_nick (FASCIA_TYPE_SIDE,
                                                              fascia_plan_target_get_side (target)));
  for (guint i = 0; techniques != NULL && techniques[i] != NULL; i++)
    {
      add_code_extension (detail, "technique", techniques[i]);
      g_string_append_printf (title, "%s%s", i > 0 ? ", " : "",
                              technique_name (export, techniques[i]));
    }
  add_code_extension (detail, "pressure",
                      fascia_store_enum_nick (FASCIA_TYPE_PRESSURE,
                                              fascia_plan_target_get_pressure (target)));
  add_int_extension (detail, "duration-minutes", fascia_plan_target_get_duration_minutes (target));

  json_object_set_string_member (detail, "kind", "ServiceRequest");
  if (title->len == 0)
    g_string_append (title, "Manual therapy");
  g_string_append_printf (title, " — %s", site);
  json_object_set_object_member (detail, "code", codeable_text (title->str));
  json_object_set_string_member (detail, "status", "not-started");
  set_nonempty (detail, "description", fascia_plan_target_get_notes (target));
  json_object_set_object_member (activity, "detail", detail);
  return activity;
}

static JsonObject *
exercise_activity (Export             *export,
                   FasciaHomeExercise *exercise,
                   guint               position)
{
  JsonObject *activity = json_object_new ();
  JsonObject *detail = json_object_new ();
  g_autofree char *id = g_strdup_printf ("e%u", position);
  g_autofree char *title = g_strdup_printf ("Home exercise: %s",
                                            technique_name (export,
                                                            fascia_home_exercise_get_technique_id (exercise)));

  json_object_set_string_member (activity, "id", id);
  add_code_extension (detail, "technique", fascia_home_exercise_get_technique_id (exercise));
  add_int_extension (detail, "sets", fascia_home_exercise_get_sets (exercise));
  add_int_extension (detail, "reps", fascia_home_exercise_get_reps (exercise));
  json_object_set_string_member (detail, "kind", "ServiceRequest");
  json_object_set_object_member (detail, "code", codeable_text (title));
  json_object_set_string_member (detail, "status", "not-started");
  set_nonempty (detail, "scheduledString", fascia_home_exercise_get_frequency (exercise));
  set_nonempty (detail, "description", fascia_home_exercise_get_notes (exercise));
  json_object_set_object_member (activity, "detail", detail);
  return activity;
}

static gboolean
export_plan (Export      *export,
             FasciaPlan  *plan,
             const char  *patient_id,
             const char  *id,
             GHashTable  *target_refs,
             GError     **error)
{
  JsonObject *care_plan = new_resource ("CarePlan", id);
  g_autofree char *goal_id = g_strconcat (id, "-goal", NULL);
  g_autoptr(GListModel) target_model = NULL;
  g_autoptr(GListModel) exercise_model = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) exercises = NULL;
  JsonArray *activities = json_array_new ();
  const char *start = fascia_plan_get_start_date (plan);
  const char *end = fascia_plan_get_end_date (plan);
  const char *goals = fascia_plan_get_goals (plan);
  FasciaPlanStatus status = fascia_plan_get_status (plan);

  target_model = fascia_store_list_plan_targets (export->store, fascia_plan_get_id (plan), error);
  if (target_model == NULL)
    goto failed;
  exercise_model = fascia_store_list_home_exercises (export->store, fascia_plan_get_id (plan),
                                                     error);
  if (exercise_model == NULL)
    goto failed;
  targets = sorted (target_model);
  exercises = sorted (exercise_model);

  add_int_extension (care_plan, "sessions-per-week", fascia_plan_get_sessions_per_week (plan));
  add_int_extension (care_plan, "weeks", fascia_plan_get_weeks (plan));
  add_string_extension (care_plan, "discharge-criteria",
                        fascia_plan_get_discharge_criteria (plan));
  json_object_set_string_member (care_plan, "status", plan_status (status));
  json_object_set_string_member (care_plan, "intent", "plan");
  set_nonempty (care_plan, "title", fascia_plan_get_title (plan));
  json_object_set_object_member (care_plan, "subject", reference ("Patient", patient_id));
  if ((start != NULL && start[0] != '\0') || (end != NULL && end[0] != '\0'))
    {
      JsonObject *period = json_object_new ();

      set_nonempty (period, "start", start);
      set_nonempty (period, "end", end);
      json_object_set_object_member (care_plan, "period", period);
    }

  if (goals[0] != '\0')
    {
      JsonObject *goal = new_resource ("Goal", goal_id);
      JsonArray *goal_refs = json_array_new ();

      json_object_set_string_member (goal, "lifecycleStatus",
                                     status == FASCIA_PLAN_STATUS_DRAFT ? "proposed"
                                     : status == FASCIA_PLAN_STATUS_ACTIVE ? "active"
                                     : "completed");
      json_object_set_object_member (goal, "description", codeable_text (goals));
      json_object_set_object_member (goal, "subject", reference ("Patient", patient_id));
      json_array_add_object_element (goal_refs, reference ("Goal", goal_id));
      json_object_set_array_member (care_plan, "goal", goal_refs);
      add_entry (export, goal);
    }

  for (guint i = 0; i < targets->len; i++)
    {
      FasciaPlanTarget *target = g_ptr_array_index (targets, i);

      json_array_add_object_element (activities, target_activity (export, target, i + 1));
      id_map_insert (target_refs, fascia_plan_target_get_id (target),
                     g_strdup_printf ("%s#t%u", id, i + 1));
    }
  for (guint i = 0; i < exercises->len; i++)
    json_array_add_object_element (activities,
                                   exercise_activity (export, g_ptr_array_index (exercises, i),
                                                      i + 1));
  if (json_array_get_length (activities) > 0)
    json_object_set_array_member (care_plan, "activity", activities);
  else
    json_array_unref (activities);

  add_entry (export, care_plan);
  return TRUE;

failed:
  json_array_unref (activities);
  json_object_unref (care_plan);
  return FALSE;
}

/* Encounter and what hangs off it */

static JsonObject *
observation (const char *id,
             const char *patient_id,
             const char *encounter_id,
             const char *effective)
{
  JsonObject *resource = new_resource ("Observation", id);

  json_object_set_string_member (resource, "status", "final");
  json_object_set_object_member (resource, "subject", reference ("Patient", patient_id));
  json_object_set_object_member (resource, "encounter", reference ("Encounter", encounter_id));
  json_object_set_string_member (resource, "effectiveDateTime", effective);
  return resource;
}

static void
export_pain_score (Export     *export,
                   const char *encounter_id,
                   const char *patient_id,
                   const char *effective,
                   const char *when,
                   int         score)
{
  g_autofree char *id = g_strdup_printf ("%s-pain-%s", encounter_id, when);
  JsonObject *resource;
  JsonObject *code = json_object_new ();
  JsonArray *codings = json_array_new ();
  JsonObject *coding = json_object_new ();
  g_autofree char *text = g_strdup_printf ("Pain %s treatment (0–10)", when);

  if (score < 0)
    return;

  resource = observation (id, patient_id, encounter_id, effective);
  add_code_extension (resource, "pain-timing", when);
  json_object_set_string_member (coding, "system", FHIR_LOINC);
  json_object_set_string_member (coding, "code", FHIR_PAIN_CODE);
  json_object_set_string_member (coding, "display",
                                 "Pain severity - 0-10 verbal numeric rating [Score] - Reported");
  json_array_add_object_element (codings, coding);
  json_object_set_array_member (code, "coding", codings);
  json_object_set_string_member (code, "text", text);
  json_object_set_object_member (resource, "code", code);
  json_object_set_int_member (resource, "valueInteger", score);
  add_entry (export, resource);
}

/* A region id of a drawing: `m-<muscle>-l|r`, `b-<landmark>…`, `tp-<muscle>-<n>-l|r`. */
static char *
region_text (Export      *export,
             const char  *region,
             char       **muscle_out,
             FasciaSide  *side_out)
{
  g_autofree char *body = NULL;
  FasciaSide side = FASCIA_SIDE_NONE;
  gsize length;

  *muscle_out = NULL;
  *side_out = FASCIA_SIDE_NONE;

  if (g_str_has_prefix (region, "m-"))
    body = g_strdup (region + 2);
  else if (g_str_has_prefix (region, "b-"))
    body = g_strdup (region + 2);
  else
    return g_strdup (region);

  length = strlen (body);
  if (length > 2 && g_str_has_suffix (body, "-l"))
    side = FASCIA_SIDE_LEFT;
  else if (length > 2 && g_str_has_suffix (body, "-r"))
    side = FASCIA_SIDE_RIGHT;
  if (side != FASCIA_SIDE_NONE)
    body[length - 2] = '\0';

  if (region[0] == 'm')
    {
      *muscle_out = g_strdup (body);
      *side_out = side;
      return muscle_text (export, body, side);
    }
  else
    {
      FasciaLandmark *landmark = export->atlas != NULL
                                 ? fascia_atlas_lookup_landmark (export->atlas, body) : NULL;
      const char *name = landmark != NULL ? fascia_landmark_get_name (landmark) : body;

      return side != FASCIA_SIDE_NONE ? g_strdup_printf ("%s, %s", name, side_text (side))
                                      : g_strdup (name);
    }
}

static void
export_mark (Export         *export,
             FasciaPainMark *mark,
             const char     *id,
             const char     *patient_id,
             const char     *encounter_id,
             const char     *effective)
{
  JsonObject *resource = observation (id, patient_id, encounter_id, effective);
  const char *region = fascia_pain_mark_get_region_id (mark);
  const char *view = fascia_pain_mark_get_view_id (mark);
  g_autofree char *muscle = NULL;
  g_autofree char *site = NULL;
  FasciaSide side = FASCIA_SIDE_NONE;
  const char *type = fascia_store_enum_nick (FASCIA_TYPE_PAIN_TYPE,
                                             fascia_pain_mark_get_pain_type (mark));

  add_code_extension (resource, "view", view);
  if (region != NULL && region[0] != '\0')
    {
      add_code_extension (resource, "region", region);
      site = region_text (export, region, &muscle, &side);
    }
  else
    {
      add_decimal_extension (resource, "x", fascia_pain_mark_get_x (mark));
      add_decimal_extension (resource, "y", fascia_pain_mark_get_y (mark));
      /* The drawing of the view the point is on: the same point means another spot of the
       * body once the view is redrawn (fascia-view-drawing.c). */
      add_int_extension (resource, "drawing", fascia_pain_mark_get_drawing (mark));
      site = g_strdup_printf ("A point on the %s view of the body chart", view);
    }
  add_code_extension (resource, "pain-type", type);

  json_object_set_object_member (resource, "code",
                                 codeable_text ("Pain marked on the body chart (0–10)"));
  json_object_set_int_member (resource, "valueInteger", fascia_pain_mark_get_intensity (mark));
  json_object_set_object_member (resource, "bodySite", body_site (export, muscle, side, site));
  if (fascia_pain_mark_get_note (mark)[0] != '\0')
    {
      JsonArray *notes = json_array_new ();
      JsonObject *note = json_object_new ();

      json_object_set_string_member (note, "text", fascia_pain_mark_get_note (mark));
      json_array_add_object_element (notes, note);
      json_object_set_array_member (resource, "note", notes);
    }
  add_entry (export, resource);
}

static void
export_finding (Export        *export,
                FasciaFinding *finding,
                const char    *id,
                const char    *patient_id,
                const char    *encounter_id,
                const char    *effective)
{
  JsonObject *resource = observation (id, patient_id, encounter_id, effective);
  const char *muscle = fascia_finding_get_muscle_id (finding);
  FasciaSide side = fascia_finding_get_side (finding);
  FasciaFindingFlags flags = fascia_finding_get_flags (finding);
  g_autoptr(GFlagsClass) flags_class = g_type_class_ref (FASCIA_TYPE_FINDING_FLAGS);
  g_autofree char *site = muscle_text (export, muscle, side);
  g_autoptr(GString) value = g_string_new (NULL);

  add_code_extension (resource, "muscle", muscle);
  add_code_extension (resource, "side", fascia_store_enum_nick (FASCIA_TYPE_SIDE, side));
  for (guint i = 0; i < flags_class->n_values; i++)
    if (flags_class->values[i].value != 0 && (flags & flags_class->values[i].value) != 0)
      {
        add_code_extension (resource, "finding", flags_class->values[i].value_nick);
        g_string_append_printf (value, "%s%s", value->len > 0 ? ", " : "",
                                flags_class->values[i].value_nick);
      }

  json_object_set_object_member (resource, "code", codeable_text ("Palpation finding"));
  if (value->len > 0)
    {
      for (char *p = value->str; *p != '\0'; p++)
        if (*p == '-')
          *p = ' ';
      json_object_set_string_member (resource, "valueString", value->str);
    }
  json_object_set_object_member (resource, "bodySite", body_site (export, muscle, side, site));
  if (fascia_finding_get_note (finding)[0] != '\0')
    {
      JsonArray *notes = json_array_new ();
      JsonObject *note = json_object_new ();

      json_object_set_string_member (note, "text", fascia_finding_get_note (finding));
      json_array_add_object_element (notes, note);
      json_object_set_array_member (resource, "note", notes);
    }
  add_entry (export, resource);
}

static void
export_note (Export      *export,
             FasciaVisit *visit,
             const char  *id,
             const char  *patient_id,
             const char  *encounter_id,
             const char  *effective)
{
  static const struct {
    FasciaVisitField  field;
    const char       *title;
  } sections[] = {
    { FASCIA_VISIT_FIELD_SUBJECTIVE, "Subjective" },
    { FASCIA_VISIT_FIELD_OBJECTIVE, "Objective" },
    { FASCIA_VISIT_FIELD_ASSESSMENT, "Assessment" },
    { FASCIA_VISIT_FIELD_PLAN_NOTES, "Plan" },
  };
  JsonObject *resource = new_resource ("DocumentReference", id);
  JsonArray *content = json_array_new ();
  JsonObject *context = json_object_new ();
  JsonArray *encounters = json_array_new ();

  json_object_set_string_member (resource, "status", "current");
  json_object_set_object_member (resource, "type", codeable_text ("SOAP note"));
  json_object_set_object_member (resource, "subject", reference ("Patient", patient_id));
  json_object_set_string_member (resource, "date", effective);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      const char *text = fascia_visit_get_field (visit, sections[i].field);
      JsonObject *item = json_object_new ();
      JsonObject *attachment = json_object_new ();

      json_object_set_string_member (attachment, "contentType", "text/plain; charset=utf-8");
      json_object_set_string_member (attachment, "title", sections[i].title);
      /* base64Binary may not be empty: an empty section has no data. */
      if (text != NULL && text[0] != '\0')
        {
          g_autofree char *data = g_base64_encode ((const guchar *) text, strlen (text));

          json_object_set_string_member (attachment, "data", data);
        }
      json_object_set_object_member (item, "attachment", attachment);
      json_array_add_object_element (content, item);
    }
  json_object_set_array_member (resource, "content", content);
  json_array_add_object_element (encounters, reference ("Encounter", encounter_id));
  json_object_set_array_member (context, "encounter", encounters);
  json_object_set_object_member (resource, "context", context);
  add_entry (export, resource);
}

static void
export_amendment (Export          *export,
                  FasciaAmendment *amendment,
                  const char      *id,
                  const char      *note_id)
{
  JsonObject *resource = new_resource ("Provenance", id);
  JsonArray *targets = json_array_new ();
  JsonArray *agents = json_array_new ();
  JsonObject *agent = json_object_new ();
  JsonObject *who = json_object_new ();
  JsonObject *activity = json_object_new ();
  JsonArray *codings = json_array_new ();
  JsonObject *coding = json_object_new ();
  g_autofree char *recorded = format_datetime (fascia_amendment_get_amended_at (amendment));

  add_code_extension (resource, "amended-field", fascia_amendment_get_field (amendment));
  /* An empty text is left out, as FHIR strings may not be empty. */
  add_string_extension (resource, "old-text", fascia_amendment_get_old_text (amendment));
  add_string_extension (resource, "new-text", fascia_amendment_get_new_text (amendment));

  json_array_add_object_element (targets, reference ("DocumentReference", note_id));
  json_object_set_array_member (resource, "target", targets);
  json_object_set_string_member (resource, "recorded", recorded);
  json_object_set_string_member (coding, "system",
                                 "http://terminology.hl7.org/CodeSystem/v3-DataOperation");
  json_object_set_string_member (coding, "code", "UPDATE");
  json_object_set_string_member (coding, "display", "revise");
  json_array_add_object_element (codings, coding);
  json_object_set_array_member (activity, "coding", codings);
  json_object_set_object_member (resource, "activity", activity);
  json_object_set_string_member (who, "display",
                                 fascia_amendment_get_amended_by (amendment) != NULL
                                 ? fascia_amendment_get_amended_by (amendment)
                                 : FASCIA_FHIR_UNKNOWN_AUTHOR);
  json_object_set_object_member (agent, "who", who);
  json_array_add_object_element (agents, agent);
  json_object_set_array_member (resource, "agent", agents);
  add_entry (export, resource);
}

static gboolean
export_visit (Export       *export,
              FasciaVisit  *visit,
              const char   *patient_id,
              const char   *id,
              GHashTable   *plan_refs,
              GHashTable   *target_refs,
              GError      **error)
{
  JsonObject *encounter = new_resource ("Encounter", id);
  JsonObject *class = json_object_new ();
  JsonObject *period = json_object_new ();
  g_autofree char *effective = format_datetime (fascia_visit_get_visited_at (visit));
  g_autofree char *note_id = g_strconcat (id, "-note", NULL);
  g_autoptr(GListModel) mark_model = NULL;
  g_autoptr(GListModel) finding_model = NULL;
  g_autoptr(GListModel) amendment_model = NULL;
  g_autoptr(GPtrArray) marks = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) amendments = NULL;
  gint64 visit_id = fascia_visit_get_id (visit);
  const char *plan_ref = id_map_lookup (plan_refs, fascia_visit_get_plan_id (visit));
  gsize n_treated = 0;
  const gint64 *treated = fascia_visit_get_treated_target_ids (visit, &n_treated);

  if ((mark_model = fascia_store_list_pain_marks (export->store, visit_id, error)) == NULL ||
      (finding_model = fascia_store_list_findings (export->store, visit_id, error)) == NULL ||
      (amendment_model = fascia_store_list_amendments (export->store, visit_id, error)) == NULL)
    {
      json_object_unref (encounter);
      json_object_unref (class);
      json_object_unref (period);
      return FALSE;
    }
  marks = sorted (mark_model);
  findings = sorted (finding_model);
  amendments = sorted (amendment_model);

  if (plan_ref != NULL)
    {
      g_autofree char *url = g_strconcat (FHIR_EXT (""), "care-plan", NULL);
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (node, reference ("CarePlan", plan_ref));
      add_extension (encounter, url, "valueReference", node);
    }
  for (gsize i = 0; i < n_treated; i++)
    {
      const char *target = id_map_lookup (target_refs, treated[i]);

      if (target != NULL)
        add_string_extension (encounter, "treated-target", target);
    }

  json_object_set_string_member (encounter, "status", "finished");
  json_object_set_string_member (class, "system",
                                 "http://terminology.hl7.org/CodeSystem/v3-ActCode");
  json_object_set_string_member (class, "code", "AMB");
  json_object_set_string_member (class, "display", "ambulatory");
  json_object_set_object_member (encounter, "class", class);
  json_object_set_object_member (encounter, "subject", reference ("Patient", patient_id));
  json_object_set_string_member (period, "start", effective);
  json_object_set_object_member (encounter, "period", period);
  add_entry (export, encounter);

  export_note (export, visit, note_id, patient_id, id, effective);
  export_pain_score (export, id, patient_id, effective, "before",
                     fascia_visit_get_pain_before (visit));
  export_pain_score (export, id, patient_id, effective, "after",
                     fascia_visit_get_pain_after (visit));

  for (guint i = 0; i < marks->len; i++)
    {
      g_autofree char *mark_id = g_strdup_printf ("%s-mark%u", id, i + 1);

      export_mark (export, g_ptr_array_index (marks, i), mark_id, patient_id, id, effective);
    }
  for (guint i = 0; i < findings->len; i++)
    {
      g_autofree char *finding_id = g_strdup_printf ("%s-finding%u", id, i + 1);

      export_finding (export, g_ptr_array_index (findings, i), finding_id, patient_id, id,
                      effective);
    }
  for (guint i = 0; i < amendments->len; i++)
    {
      g_autofree char *amendment_id = g_strdup_printf ("%s-amendment%u", id, i + 1);

      export_amendment (export, g_ptr_array_index (amendments, i), amendment_id, note_id);
    }

  return TRUE;
}

static gboolean
export_client (Export        *export,
               FasciaClient  *client,
               guint          position,
               GError       **error)
{
  g_autofree char *patient_id = g_strdup_printf ("p%u", position);
  g_autoptr(GListModel) plan_model = NULL;
  g_autoptr(GListModel) visit_model = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GHashTable) plan_refs = id_map_new ();
  g_autoptr(GHashTable) target_refs = id_map_new ();
  gint64 client_id = fascia_client_get_id (client);

  if ((plan_model = fascia_store_list_plans (export->store, client_id, error)) == NULL ||
      (visit_model = fascia_store_list_visits (export->store, client_id, error)) == NULL)
    return FALSE;
  plans = sorted (plan_model);
  visits = sorted (visit_model);

  export_patient (export, client, patient_id);
  export_pregnancy (export, client, patient_id);

  for (guint i = 0; i < plans->len; i++)
    {
      FasciaPlan *plan = g_ptr_array_index (plans, i);
      char *plan_id = g_strdup_printf ("%s-plan%u", patient_id, i + 1);

      id_map_insert (plan_refs, fascia_plan_get_id (plan), plan_id);
      if (!export_plan (export, plan, patient_id, plan_id, target_refs, error))
        return FALSE;
    }

  for (guint i = 0; i < visits->len; i++)
    {
      g_autofree char *visit_id = g_strdup_printf ("%s-v%u", patient_id, i + 1);

      if (!export_visit (export, g_ptr_array_index (visits, i), patient_id, visit_id,
                         plan_refs, target_refs, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * fascia_fhir_export:
 * @atlas: (nullable): names muscles and techniques in the texts; without it, their ids do
 * @client_id: one client, or 0 for every client (archived ones too)
 *
 * Returns: (transfer full): the records as a FHIR R4 Bundle in JSON, or %NULL with an error.
 */
GBytes *
fascia_fhir_export (FasciaStore  *store,
                    FasciaAtlas  *atlas,
                    gint64        client_id,
                    GError      **error)
{
  Export export = { store, atlas, NULL };
  g_autoptr(JsonObject) bundle = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GPtrArray) clients = NULL;
  char *data;
  gsize length;

  g_return_val_if_fail (FASCIA_IS_STORE (store), NULL);
  g_return_val_if_fail (atlas == NULL || FASCIA_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (client_id != 0)
    {
      FasciaClient *client = fascia_store_get_client (store, client_id, error);

      if (client == NULL)
        return NULL;
      clients = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (clients, client);
    }
  else
    {
      g_autoptr(GListModel) model = fascia_store_list_clients (store, NULL,
                                                               FASCIA_STORE_LIST_ARCHIVED, error);

      if (model == NULL)
        return NULL;
      clients = sorted (model);
    }

  export.entries = json_array_new ();
  json_object_set_string_member (bundle, "resourceType", "Bundle");
  json_object_set_string_member (bundle, "type", "collection");
  json_object_set_array_member (bundle, "entry", export.entries);

  for (guint i = 0; i < clients->len; i++)
    if (!export_client (&export, g_ptr_array_index (clients, i), i + 1, error))
      return NULL;

  json_node_set_object (root, bundle);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &length);
  return g_bytes_new_take (data, length);
}
