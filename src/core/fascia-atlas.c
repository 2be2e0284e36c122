/* fascia-atlas.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-atlas"

#include "config.h"

#include <string.h>

#include "fascia/fascia-atlas.h"
#include "fascia/fascia-file-utils.h"

#include "fascia-atlas-private.h"

/*
 * The atlas reads the six content files, has fascia-atlas-schema.c validate them as a
 * whole, then builds the records and the links that are derived rather than typed twice:
 * a muscle's techniques (from the techniques' "muscles") and a landmark's muscles (from
 * the muscles' origins and insertions). Nothing changes after that, so the records are
 * shared freely between threads and widgets.
 */

typedef struct
{
  GObject *record;  /* borrowed from the atlas's stores */
  char    *key;     /* name and Latin name, folded by fold_for_search() */
} SearchEntry;

struct _FasciaAtlas
{
  GObject      parent_instance;

  /* Owned */
  FasciaRecordList *muscles;
  FasciaRecordList *landmarks;
  FasciaRecordList *techniques;
  FasciaRecordList *patterns;
  FasciaRecordList *views;
  FasciaRecordList *trigger_points;
  GHashTable  *references;      /* id → citation */
  char       **reference_ids;
  GHashTable  *by_id;           /* "muscle:psoas-major" → borrowed record */
  GArray      *search_entries;  /* SearchEntry */
};

G_DEFINE_FINAL_TYPE (FasciaAtlas, fascia_atlas, G_TYPE_OBJECT)

G_DEFINE_QUARK (fascia-atlas-error-quark, fascia_atlas_error)

static void
search_entry_clear (gpointer data)
{
  SearchEntry *entry = data;

  g_free (entry->key);
}

static void
fascia_atlas_dispose (GObject *object)
{
  FasciaAtlas *self = FASCIA_ATLAS (object);

  /* The lookup tables borrow from the stores; drop them first. */
  g_clear_pointer (&self->search_entries, g_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);

  g_clear_object (&self->muscles);
  g_clear_object (&self->landmarks);
  g_clear_object (&self->techniques);
  g_clear_object (&self->patterns);
  g_clear_object (&self->views);
  g_clear_object (&self->trigger_points);

  G_OBJECT_CLASS (fascia_atlas_parent_class)->dispose (object);
}

static void
fascia_atlas_finalize (GObject *object)
{
  FasciaAtlas *self = FASCIA_ATLAS (object);

  g_clear_pointer (&self->references, g_hash_table_unref);
  g_clear_pointer (&self->reference_ids, g_strfreev);

  G_OBJECT_CLASS (fascia_atlas_parent_class)->finalize (object);
}

static void
fascia_atlas_class_init (FasciaAtlasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fascia_atlas_dispose;
  object_class->finalize = fascia_atlas_finalize;
}

static void
fascia_atlas_init (FasciaAtlas *self)
{
  self->muscles = fascia_record_list_new (FASCIA_TYPE_MUSCLE);
  self->landmarks = fascia_record_list_new (FASCIA_TYPE_LANDMARK);
  self->techniques = fascia_record_list_new (FASCIA_TYPE_TECHNIQUE);
  self->patterns = fascia_record_list_new (FASCIA_TYPE_PATTERN);
  self->views = fascia_record_list_new (FASCIA_TYPE_VIEW);
  self->trigger_points = fascia_record_list_new (FASCIA_TYPE_TRIGGER_POINT);
  self->references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->search_entries = g_array_new (FALSE, TRUE, sizeof (SearchEntry));
  g_array_set_clear_func (self->search_entries, search_entry_clear);
}

/* Lower case, without accents, so that “psoas” finds “Psoas major” and “ilíaco” finds
 * “Iliacus”. */
static char *
fold_for_search (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  g_autoptr(GString) stripped = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (stripped, c);
    }

  return g_utf8_casefold (stripped->str, -1);
}

static void
add_search_entry (FasciaAtlas *self,
                  gpointer     record,
                  const char  *name,
                  const char  *latin)
{
  g_autofree char *joined = g_strjoin ("\n", name, latin, NULL);
  SearchEntry entry = { record, fold_for_search (joined) };

  g_array_append_val (self->search_entries, entry);
}

static void
add_record (FasciaAtlas      *self,
            FasciaRecordList *store,
            const char       *kind,
            const char       *id,
            gpointer          record)
{
  fascia_record_list_append (store, record);
  g_hash_table_insert (self->by_id, g_strconcat (kind, ":", id, NULL), record);
}

static gpointer
lookup (FasciaAtlas *self,
        const char  *kind,
        const char  *id)
{
  g_autofree char *key = g_strconcat (kind, ":", id, NULL);

  return g_hash_table_lookup (self->by_id, key);
}

/* Builds the records from validated content (@records, of FASCIA_ATLAS_RECORDS_TYPE: see
 * fascia-atlas-private.h), then the links derived from them. */
static void
fascia_atlas_build (FasciaAtlas *self,
                    GVariant    *records)
{
  g_autoptr(GVariant) array = NULL;
  guint n_muscles;

  array = g_variant_get_child_value (records, FASCIA_ATLAS_FILE_REFERENCES);
  self->reference_ids = g_new0 (char *, g_variant_n_children (array) + 1);
  for (gsize i = 0; i < g_variant_n_children (array); i++)
    {
      g_autoptr(FasciaRecord) record = fascia_record_get_element (array, i);

      self->reference_ids[i] = g_strdup (fascia_record_get_string (record, "id"));
      g_hash_table_insert (self->references, g_strdup (self->reference_ids[i]),
                           g_strdup (fascia_record_get_string (record, "citation")));
    }
  g_clear_pointer (&array, g_variant_unref);

  array = g_variant_get_child_value (records, FASCIA_ATLAS_FILE_LANDMARKS);
  for (gsize i = 0; i < g_variant_n_children (array); i++)
    {
      g_autoptr(FasciaRecord) record = fascia_record_get_element (array, i);
      g_autoptr(FasciaLandmark) landmark = fascia_landmark_new_from_record (record);

      add_record (self, self->landmarks, "landmark", fascia_landmark_get_id (landmark), landmark);
    }
  g_clear_pointer (&array, g_variant_unref);

  array = g_variant_get_child_value (records, FASCIA_ATLAS_FILE_MUSCLES);
  for (gsize i = 0; i < g_variant_n_children (array); i++)
    {
      g_autoptr(FasciaRecord) record = fascia_record_get_element (array, i);
      g_autoptr(FasciaMuscle) muscle = fascia_muscle_new_from_record (record);
      GListModel *points = fascia_muscle_get_trigger_points (muscle);

      add_record (self, self->muscles, "muscle", fascia_muscle_get_id (muscle), muscle);

      for (guint j = 0; j < g_list_model_get_n_items (points); j++)
        {
          g_autoptr(FasciaTriggerPoint) point = g_list_model_get_item (points, j);
          g_autofree char *key = g_strdup_printf ("%s:%u", fascia_muscle_get_id (muscle),
                                                  fascia_trigger_point_get_n (point));

          add_record (self, self->trigger_points, "trigger-point", key, point);
        }
    }
  g_clear_pointer (&array, g_variant_unref);

  array = g_variant_get_child_value (records, FASCIA_ATLAS_FILE_TECHNIQUES);
  for (gsize i = 0; i < g_variant_n_children (array); i++)
    {
      g_autoptr(FasciaRecord) record = fascia_record_get_element (array, i);
      g_autoptr(FasciaTechnique) technique = fascia_technique_new_from_record (record);
      const char * const *muscles = fascia_technique_get_muscles (technique);

      add_record (self, self->techniques, "technique", fascia_technique_get_id (technique),
                  technique);

      for (guint j = 0; muscles[j] != NULL; j++)
        fascia_muscle_add_technique (lookup (self, "muscle", muscles[j]), technique);
    }
  g_clear_pointer (&array, g_variant_unref);

  array = g_variant_get_child_value (records, FASCIA_ATLAS_FILE_PATTERNS);
  for (gsize i = 0; i < g_variant_n_children (array); i++)
    {
      g_autoptr(FasciaRecord) record = fascia_record_get_element (array, i);
      g_autoptr(FasciaPattern) pattern = fascia_pattern_new_from_record (record);

      add_record (self, self->patterns, "pattern", fascia_pattern_get_id (pattern), pattern);
    }
  g_clear_pointer (&array, g_variant_unref);

  array = g_variant_get_child_value (records, FASCIA_ATLAS_FILE_VIEWS);
  for (gsize i = 0; i < g_variant_n_children (array); i++)
    {
      g_autoptr(FasciaRecord) record = fascia_record_get_element (array, i);
      g_autoptr(FasciaView) view = fascia_view_new_from_record (record);

      add_record (self, self->views, "view", fascia_view_get_id (view), view);
    }
  g_clear_pointer (&array, g_variant_unref);

  /* Each landmark lists the muscles attached to it, once, in the order of muscles.json. */
  n_muscles = g_list_model_get_n_items (G_LIST_MODEL (self->muscles));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->landmarks)); i++)
    {
      g_autoptr(FasciaLandmark) landmark = NULL;

      landmark = g_list_model_get_item (G_LIST_MODEL (self->landmarks), i);

      for (guint j = 0; j < n_muscles; j++)
        {
          g_autoptr(FasciaMuscle) muscle = g_list_model_get_item (G_LIST_MODEL (self->muscles), j);

          if (fascia_muscle_get_attachment_kind (muscle, fascia_landmark_get_id (landmark)) !=
              FASCIA_ATTACHMENT_NONE)
            fascia_landmark_add_muscle (landmark, muscle);
        }
    }

  /* Search order: muscles, landmarks, techniques, each in file order. */
  for (guint i = 0; i < n_muscles; i++)
    {
      FasciaMuscle *muscle = g_list_model_get_item (G_LIST_MODEL (self->muscles), i);

      add_search_entry (self, muscle, fascia_muscle_get_name (muscle),
                        fascia_muscle_get_latin (muscle));
      g_object_unref (muscle);
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->landmarks)); i++)
    {
      FasciaLandmark *landmark = g_list_model_get_item (G_LIST_MODEL (self->landmarks), i);

      add_search_entry (self, landmark, fascia_landmark_get_name (landmark),
                        fascia_landmark_get_latin (landmark));
      g_object_unref (landmark);
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->techniques)); i++)
    {
      FasciaTechnique *technique = g_list_model_get_item (G_LIST_MODEL (self->techniques), i);

      add_search_entry (self, technique, fascia_technique_get_name (technique), NULL);
      g_object_unref (technique);
    }
}

/* Far above the largest content file (the muscles, a few hundred kilobytes). */
#define MAX_CONTENT_FILE_SIZE (16 * 1024 * 1024)

/**
 * fascia_atlas_read_records:
 * @directory: a directory of the content files
 *
 * Reads and validates the content files in @directory.
 *
 * Returns: (transfer full) (nullable): their records, of FASCIA_ATLAS_RECORDS_TYPE, or %NULL
 *   with a %FASCIA_ATLAS_ERROR
 */
GVariant *
fascia_atlas_read_records (GFile   *directory,
                           GError **error)
{
  GBytes *contents[FASCIA_ATLAS_N_FILES] = { NULL, };
  JsonArray *records[FASCIA_ATLAS_N_FILES] = { NULL, };
  GVariant *files[FASCIA_ATLAS_N_FILES] = { NULL, };
  GVariant *result = NULL;
  gboolean ok = TRUE;

  for (guint i = 0; i < FASCIA_ATLAS_N_FILES && ok; i++)
    {
      const char *name = fascia_atlas_file_name (i);
      g_autoptr(GFile) file = g_file_get_child (directory, name);
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) local_error = NULL;

      /* A regular file of bounded size: never a device, a pipe, or the whole disk. */
      if (path != NULL)
        contents[i] = fascia_file_read_bounded (path, MAX_CONTENT_FILE_SIZE, &local_error);
      else
        contents[i] = g_file_load_bytes (file, NULL, NULL, &local_error);
      if (contents[i] == NULL)
        {
          g_set_error (error, FASCIA_ATLAS_ERROR, FASCIA_ATLAS_ERROR_IO,
                       "%s: %s", name, local_error->message);
          ok = FALSE;
        }
    }

  if (ok)
    ok = fascia_atlas_validate (contents, records, error);

  if (ok)
    {
      for (guint i = 0; i < FASCIA_ATLAS_N_FILES; i++)
        {
          g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), records[i]);

          files[i] = json_gvariant_deserialize (node, NULL, NULL);
          g_assert (files[i] != NULL && g_variant_is_of_type (files[i], G_VARIANT_TYPE ("av")));
        }
      result = g_variant_ref_sink (g_variant_new_tuple (files, FASCIA_ATLAS_N_FILES));
    }

  for (guint i = 0; i < FASCIA_ATLAS_N_FILES; i++)
    {
      g_clear_pointer (&contents[i], g_bytes_unref);
      g_clear_pointer (&records[i], json_array_unref);
    }

  return result;
}

static FasciaAtlas *
fascia_atlas_new_from_records (GVariant *records)
{
  FasciaAtlas *self = g_object_new (FASCIA_TYPE_ATLAS, NULL);

  fascia_atlas_build (self, records);
  return self;
}

static FasciaAtlas *
fascia_atlas_new_from_file (GFile   *directory,
                            GError **error)
{
  g_autoptr(GVariant) records = fascia_atlas_read_records (directory, error);

  return records != NULL ? fascia_atlas_new_from_records (records) : NULL;
}

/**
 * fascia_atlas_new_from_directory:
 * @directory: a directory holding the content files described in
 *   resources/atlas/README.md
 * @error: return location for a #GError
 *
 * Loads and validates the content in @directory.
 *
 * Returns: (transfer full) (nullable): a new atlas, or %NULL with a %FASCIA_ATLAS_ERROR
 *   that names the file, the record and the field at fault
 */
FasciaAtlas *
fascia_atlas_new_from_directory (const char  *directory,
                                 GError     **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_file_new_for_path (directory);
  return fascia_atlas_new_from_file (file, error);
}

static GMutex default_mutex;
static gint default_loaded;        /* atomic: default_atlas and default_error are set */
static FasciaAtlas *default_atlas;
static GError *default_error;

/**
 * fascia_atlas_get_default:
 * @error: return location for a #GError
 *
 * The built-in content, from the GResource under `/io/github/fascia/Fascia/atlas/`,
 * validated at build time (fascia-atlas-records-gen.c), whose records are built on the first
 * call (the JSON read and validated, in a program built without them) — or by fascia_atlas_preload_default()'s worker,
 * which the first call then waits for. Later calls return the same atlas (or the same
 * error: the built-in content cannot change while the program runs).
 *
 * Returns: (transfer none) (nullable): the built-in atlas, or %NULL with a
 *   %FASCIA_ATLAS_ERROR
 */
static gint default_requested;

FasciaAtlas *
fascia_atlas_get_default (GError **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_atomic_int_set (&default_requested, TRUE);

  locker = g_mutex_locker_new (&default_mutex);

  if (!g_atomic_int_get (&default_loaded))
    {
      g_autoptr(GBytes) built = g_resources_lookup_data (FASCIA_ATLAS_RECORDS_RESOURCE, 0, NULL);

      /* The built-in content's records, validated and written at build time
       * (fascia-atlas-records-gen.c): no JSON parsed or walked at start (~18 ms of processor
       * time). A program built without them reads the JSON. */
      if (built != NULL)
        {
          g_autoptr(GVariant) records =
            g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (FASCIA_ATLAS_RECORDS_TYPE),
                                                          built, TRUE));

          default_atlas = fascia_atlas_new_from_records (records);
        }
      else
        {
          g_autoptr(GFile) directory = g_file_new_for_uri ("resource://" RESOURCE_BASE "/atlas");

          default_atlas = fascia_atlas_new_from_file (directory, &default_error);
        }
      g_atomic_int_set (&default_loaded, TRUE);
    }

  if (default_atlas == NULL && error != NULL)
    *error = g_error_copy (default_error);

  return default_atlas;
}

static gpointer
preload_thread (gpointer user_data)
{
  /* An error is kept for the caller that asks. */
  fascia_atlas_get_default (NULL);
  return NULL;
}

/**
 * fascia_atlas_preload_default:
 *
 * Starts loading the built-in atlas in a worker thread, once per process, so that it is
 * read while the program does other work (the window system opened, the database): the
 * first fascia_atlas_get_default() then finds it, or waits only for what is left.
 */
void
fascia_atlas_preload_default (void)
{
  static gsize started;

  if (g_once_init_enter (&started))
    {
      g_atomic_int_set (&default_requested, TRUE);
      g_thread_unref (g_thread_new ("fascia-atlas", preload_thread, NULL));
      g_once_init_leave (&started, 1);
    }
}

/**
 * fascia_atlas_peek_default:
 *
 * Returns: (transfer none) (nullable): the built-in atlas if it has been loaded, without
 *   loading it or waiting for a load under way
 */
FasciaAtlas *
fascia_atlas_peek_default (void)
{
  return g_atomic_int_get (&default_loaded) ? default_atlas : NULL;
}

/**
 * fascia_atlas_default_is_requested:
 *
 * Returns: whether the built-in atlas has been asked for in this process, loaded or being
 *   loaded (by fascia_atlas_get_default() or fascia_atlas_preload_default())
 */
gboolean
fascia_atlas_default_is_requested (void)
{
  return g_atomic_int_get (&default_requested);
}

FasciaMuscle *
fascia_atlas_lookup_muscle (FasciaAtlas *self,
                            const char  *id)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return lookup (self, "muscle", id);
}

FasciaLandmark *
fascia_atlas_lookup_landmark (FasciaAtlas *self,
                              const char  *id)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return lookup (self, "landmark", id);
}

FasciaTechnique *
fascia_atlas_lookup_technique (FasciaAtlas *self,
                               const char  *id)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return lookup (self, "technique", id);
}

/**
 * fascia_atlas_lookup_trigger_point:
 * @muscle_id: a muscle id
 * @n: the point's number, from 1
 *
 * Returns: (transfer none) (nullable): trigger point @n of @muscle_id, or %NULL
 */
FasciaTriggerPoint *
fascia_atlas_lookup_trigger_point (FasciaAtlas *self,
                                   const char  *muscle_id,
                                   guint        n)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (FASCIA_IS_ATLAS (self), NULL);
  g_return_val_if_fail (muscle_id != NULL, NULL);

  key = g_strdup_printf ("%s:%u", muscle_id, n);
  return lookup (self, "trigger-point", key);
}

FasciaView *
fascia_atlas_lookup_view (FasciaAtlas *self,
                          const char  *id)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return lookup (self, "view", id);
}

FasciaPattern *
fascia_atlas_lookup_pattern (FasciaAtlas *self,
                             const char  *id)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return lookup (self, "pattern", id);
}

/**
 * fascia_atlas_lookup_reference:
 * @id: a reference id, such as “gray-42”
 *
 * Returns: (nullable): the full citation, or %NULL
 */
const char *
fascia_atlas_lookup_reference (FasciaAtlas *self,
                               const char  *id)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->references, id);
}

/**
 * fascia_atlas_get_reference_ids:
 *
 * Returns: (transfer none): the reference ids, in the order of references.json
 */
const char * const *
fascia_atlas_get_reference_ids (FasciaAtlas *self)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS (self), NULL);

  return (const char * const *) self->reference_ids;
}

/**
 * fascia_atlas_get_muscles:
 *
 * Returns: (transfer none): the #FasciaMuscle<!-- -->s, in file order
 */
GListModel *
fascia_atlas_get_muscles (FasciaAtlas *self)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS (self), NULL);

  return G_LIST_MODEL (self->muscles);
}

/**
 * fascia_atlas_get_landmarks:
 *
 * Returns: (transfer none): the #FasciaLandmark<!-- -->s, in file order
 */
GListModel *
fascia_atlas_get_landmarks (FasciaAtlas *self)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS (self), NULL);

  return G_LIST_MODEL (self->landmarks);
}

/**
 * fascia_atlas_get_techniques:
 *
 * Returns: (transfer none): the #FasciaTechnique<!-- -->s, in file order
 */
GListModel *
fascia_atlas_get_techniques (FasciaAtlas *self)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS (self), NULL);

  return G_LIST_MODEL (self->techniques);
}

/**
 * fascia_atlas_get_views:
 *
 * Returns: (transfer none): the #FasciaView<!-- -->s, in file order
 */
GListModel *
fascia_atlas_get_views (FasciaAtlas *self)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS (self), NULL);

  return G_LIST_MODEL (self->views);
}

/**
 * fascia_atlas_get_patterns:
 *
 * Returns: (transfer none): the #FasciaPattern<!-- -->s, in file order
 */
GListModel *
fascia_atlas_get_patterns (FasciaAtlas *self)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS (self), NULL);

  return G_LIST_MODEL (self->patterns);
}

/**
 * fascia_atlas_get_trigger_points:
 *
 * Returns: (transfer none): every #FasciaTriggerPoint of every muscle, in muscle order
 */
GListModel *
fascia_atlas_get_trigger_points (FasciaAtlas *self)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS (self), NULL);

  return G_LIST_MODEL (self->trigger_points);
}

/**
 * fascia_atlas_search:
 * @query: what the user typed
 *
 * Finds the muscles, landmarks and techniques whose English or Latin name contains
 * @query, ignoring case, accents and surrounding spaces: muscles first, then landmarks,
 * then techniques, each in file order. An empty @query matches everything.
 *
 * Returns: (transfer full): a new model of #FasciaMuscle, #FasciaLandmark and
 *   #FasciaTechnique objects
 */
GListModel *
fascia_atlas_search (FasciaAtlas *self,
                     const char  *query)
{
  g_autofree char *stripped = NULL;
  g_autofree char *needle = NULL;
  GListStore *results;

  g_return_val_if_fail (FASCIA_IS_ATLAS (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  stripped = g_strstrip (g_strdup (query));
  needle = fold_for_search (stripped);
  results = g_list_store_new (G_TYPE_OBJECT);

  for (guint i = 0; i < self->search_entries->len; i++)
    {
      const SearchEntry *entry = &g_array_index (self->search_entries, SearchEntry, i);

      if (strstr (entry->key, needle) != NULL)
        g_list_store_append (results, entry->record);
    }

  return G_LIST_MODEL (results);
}
