/* fascia-atlas-schema.c — the content format as data, and one validator that walks it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-atlas"

#include "config.h"

#include <string.h>

#include "fascia/fascia-condition.h"
#include "fascia-atlas-private.h"

/*
 * resources/atlas/README.md describes six files. Each is written down here once, as a
 * table of fields; fascia_atlas_validate() walks the tables, so adding a field to the
 * format is one line, and every message names the file, the record and the field in the
 * same words. The few rules that span records (dangling ids, a muscle no technique
 * treats, a view that shows an undrawn landmark) run after every file has been walked.
 */

#define MAX_CLIENT_WORDS 80
#define TA98_PATTERN "A[0-9]{2}\\.[0-9]\\.[0-9]{2}\\.[0-9]{3}"

typedef enum
{
  KIND_TEXT,     /* a string with something in it */
  KIND_ID,       /* a lowercase slug */
  KIND_CHOICE,   /* one of the field's choices */
  KIND_BOOLEAN,
  KIND_ORDINAL,  /* a whole number, the element's 1-based place in its array */
  KIND_TEXTS,    /* an array of KIND_TEXT */
  KIND_IDS,      /* an array of distinct KIND_ID */
  KIND_OBJECT,   /* an object with the field's own fields */
  KIND_OBJECTS,  /* an array of KIND_OBJECT */
} FieldKind;

typedef enum
{
  FLAG_NONE      = 0,
  FLAG_OPTIONAL  = 1 << 0,  /* may be absent */
  FLAG_NULLABLE  = 1 << 1,  /* may be null */
  FLAG_NON_EMPTY = 1 << 2,  /* an array with at least one element */
  FLAG_SHORT     = 1 << 3,  /* read aloud to a client: at most MAX_CLIENT_WORDS words */
  FLAG_EXPLAINED = 1 << 4,  /* null or empty only with the record's "notes" saying why */
  FLAG_NOT_SELF  = 1 << 5,  /* an id other than the record's own */
  FLAG_UNIQUE    = 1 << 6,  /* a top-level text no other record of the file shares */
} FieldFlags;

/* Which file an id must exist in; REF_NONE for the record's own id. */
typedef enum
{
  REF_NONE,
  REF_REFERENCE,
  REF_LANDMARK,
  REF_MUSCLE,
  REF_TECHNIQUE,
  REF_VIEW,
} RefKind;

typedef struct _Field Field;

struct _Field
{
  const char         *name;
  FieldKind           kind;
  FieldFlags          flags;
  RefKind             refers_to;  /* KIND_ID, KIND_IDS */
  const char * const *choices;    /* KIND_CHOICE */
  const char         *pattern;    /* KIND_TEXT: a regular expression the whole text matches */
  const Field        *fields;     /* KIND_OBJECT, KIND_OBJECTS; ends with a NULL name */
};

typedef struct
{
  const char  *file_name;  /* "muscles.json" */
  const char  *member;     /* "muscles", the one member of the file's object */
  const char  *record;     /* "muscle", for messages */
  const Field *fields;
} FileSchema;

static const char * const muscle_groups[] = {
  "hip-flexors", "posterior-abdominal-wall", "gluteals", "deep-hip-rotators", "erector-spinae",
  "transversospinalis", "superficial-back", "abdominal-wall", "quadriceps", "hamstrings", "adductors",
  "pelvic-floor", "scapulohumeral", "thoracic-wall", "triceps-surae", "deep-posterior-leg",
  "superficial-posterior-leg", NULL
};
static const char * const landmark_kinds[] = {
  "bone", "bony-landmark", "ligament", "fascia", "joint", "nerve", NULL
};
static const char * const technique_kinds[] = {
  "manual", "stretch", "home-exercise", "referral", NULL
};
static const char * const relation_roles[] = {
  "culprit", "victim", "synergist", "antagonist", NULL
};

/* The intake's vocabulary (fascia-condition.c), so a technique names only what the intake
 * form records. */
static const char * const safety_levels[] = {
  "contraindicated", "caution", NULL
};

static const Field contraindication_fields[] = {
  { "condition", KIND_CHOICE, .choices = fascia_condition_ids },
  { "level",     KIND_CHOICE, .choices = safety_levels },
  { "instead",   KIND_TEXT },
  { NULL }
};

static const Field reference_fields[] = {
  { "id",       KIND_ID },
  { "citation", KIND_TEXT },
  { NULL }
};

static const Field landmark_fields[] = {
  { "id",          KIND_ID },
  { "name",        KIND_TEXT },
  { "latin",       KIND_TEXT },
  { "kind",        KIND_CHOICE, .choices = landmark_kinds },
  { "bone",        KIND_TEXT },
  { "paired",      KIND_BOOLEAN },
  { "drawn",       KIND_BOOLEAN },
  { "description", KIND_TEXT },
  { "palpation",   KIND_TEXT },
  { "references",  KIND_IDS, FLAG_NON_EMPTY, REF_REFERENCE },
  { NULL }
};

static const Field attachment_fields[] = {
  { "text",      KIND_TEXT },
  { "landmarks", KIND_IDS, FLAG_NON_EMPTY, REF_LANDMARK },
  { NULL }
};

static const Field innervation_fields[] = {
  { "nerve", KIND_TEXT },
  { "roots", KIND_TEXT },
  { "note",  KIND_TEXT, FLAG_OPTIONAL },
  { NULL }
};

static const Field trigger_point_fields[] = {
  { "n",        KIND_ORDINAL },
  { "location", KIND_TEXT },
  { "referral", KIND_TEXT },
  { "views",    KIND_IDS, FLAG_NONE, REF_VIEW },
  { NULL }
};

static const Field relation_fields[] = {
  { "role",   KIND_CHOICE, .choices = relation_roles },
  { "muscle", KIND_ID, FLAG_NOT_SELF, REF_MUSCLE },
  { "text",   KIND_TEXT },
  { NULL }
};

static const Field muscle_fields[] = {
  { "id",                 KIND_ID },
  { "name",               KIND_TEXT },
  { "latin",              KIND_TEXT },
  { "group",              KIND_CHOICE, .choices = muscle_groups },
  { "fma",                KIND_TEXT, FLAG_NULLABLE | FLAG_EXPLAINED | FLAG_UNIQUE,
                          .pattern = "FMA:[0-9]+" },
  { "ta98",               KIND_TEXT, FLAG_NULLABLE | FLAG_EXPLAINED | FLAG_UNIQUE,
                          .pattern = TA98_PATTERN },
  { "paired",             KIND_BOOLEAN },
  { "origins",            KIND_OBJECTS, FLAG_NON_EMPTY, .fields = attachment_fields },
  { "insertions",         KIND_OBJECTS, FLAG_NON_EMPTY, .fields = attachment_fields },
  { "actions",            KIND_TEXTS, FLAG_NON_EMPTY },
  { "innervation",        KIND_OBJECT, .fields = innervation_fields },
  { "blood_supply",       KIND_TEXTS, FLAG_NON_EMPTY },
  { "trigger_points",     KIND_OBJECTS, FLAG_EXPLAINED, .fields = trigger_point_fields },
  { "overactive_causes",  KIND_TEXTS, FLAG_NON_EMPTY },
  { "weakness_causes",    KIND_TEXTS, FLAG_NON_EMPTY },
  { "relations",          KIND_OBJECTS, .fields = relation_fields },
  { "client_explanation", KIND_TEXT, FLAG_SHORT },
  { "study_note",         KIND_TEXT },
  { "disagreements",      KIND_TEXTS },
  { "notes",              KIND_TEXT, FLAG_OPTIONAL },
  { "references",         KIND_IDS, FLAG_NON_EMPTY, REF_REFERENCE },
  { NULL }
};

static const Field technique_fields[] = {
  { "id",                KIND_ID },
  { "name",              KIND_TEXT },
  { "kind",              KIND_CHOICE, .choices = technique_kinds },
  { "purpose",           KIND_TEXT },
  { "position",          KIND_TEXT },
  { "steps",             KIND_TEXTS, FLAG_NON_EMPTY },
  { "duration",          KIND_TEXT },
  { "pressure",          KIND_TEXT },
  { "indications",       KIND_TEXTS, FLAG_NON_EMPTY },
  { "cautions",          KIND_TEXTS },
  { "general_contraindications", KIND_TEXTS },
  { "contraindications", KIND_OBJECTS, .fields = contraindication_fields },
  { "home_care",         KIND_TEXT },
  { "muscles",           KIND_IDS, FLAG_NON_EMPTY, REF_MUSCLE },
  { "references",        KIND_IDS, FLAG_NON_EMPTY, REF_REFERENCE },
  { NULL }
};

static const Field pattern_fields[] = {
  { "id",                 KIND_ID },
  { "name",               KIND_TEXT },
  { "summary",            KIND_TEXT },
  { "tight",              KIND_IDS, FLAG_NON_EMPTY, REF_MUSCLE },
  { "weak",               KIND_IDS, FLAG_NON_EMPTY, REF_MUSCLE },
  { "effects",            KIND_TEXT },
  { "techniques",         KIND_IDS, FLAG_NON_EMPTY, REF_TECHNIQUE },
  { "client_explanation", KIND_TEXT, FLAG_SHORT },
  { "references",         KIND_IDS, FLAG_NON_EMPTY, REF_REFERENCE },
  { NULL }
};

static const Field view_fields[] = {
  { "id",          KIND_ID },
  { "title",       KIND_TEXT },
  { "description", KIND_TEXT },
  { "file",        KIND_TEXT, .pattern = "[a-z0-9]+(-[a-z0-9]+)*\\.svg" },
  { "muscles",     KIND_IDS, FLAG_NON_EMPTY, REF_MUSCLE },
  { "landmarks",   KIND_IDS, FLAG_NON_EMPTY, REF_LANDMARK },
  { NULL }
};

static const FileSchema file_schemas[FASCIA_ATLAS_N_FILES] = {
  [FASCIA_ATLAS_FILE_REFERENCES] = { "references.json", "references", "reference",
                                     reference_fields },
  [FASCIA_ATLAS_FILE_LANDMARKS]  = { "landmarks.json", "landmarks", "landmark",
                                     landmark_fields },
  [FASCIA_ATLAS_FILE_MUSCLES]    = { "muscles.json", "muscles", "muscle",
                                     muscle_fields },
  [FASCIA_ATLAS_FILE_TECHNIQUES] = { "techniques.json", "techniques", "technique",
                                     technique_fields },
  [FASCIA_ATLAS_FILE_PATTERNS]   = { "patterns.json", "patterns", "pattern",
                                     pattern_fields },
  [FASCIA_ATLAS_FILE_VIEWS]      = { "views.json", "views", "view",
                                     view_fields },
};

static const FasciaAtlasFile ref_files[] = {
  [REF_REFERENCE] = FASCIA_ATLAS_FILE_REFERENCES,
  [REF_LANDMARK]  = FASCIA_ATLAS_FILE_LANDMARKS,
  [REF_MUSCLE]    = FASCIA_ATLAS_FILE_MUSCLES,
  [REF_TECHNIQUE] = FASCIA_ATLAS_FILE_TECHNIQUES,
  [REF_VIEW]      = FASCIA_ATLAS_FILE_VIEWS,
};

/* An id a record names, checked once every file's ids are known. */
typedef struct
{
  FasciaAtlasFile  file;
  char            *record_id;
  char            *path;
  RefKind          refers_to;
  char            *id;
} Link;

static void
link_free (gpointer data)
{
  Link *link = data;

  g_free (link->record_id);
  g_free (link->path);
  g_free (link->id);
  g_free (link);
}

/* Where the walk is, for messages: file, record, and the path of the field inside it. */
typedef struct
{
  FasciaAtlasFile  file;
  const char      *record_id;     /* NULL while the record has no usable id */
  guint            record_index;
  GString         *path;          /* "trigger_points[0].views" */
  GPtrArray       *links;         /* Link */
  GError         **error;
} Walk;

static gboolean walk_fail (Walk       *walk,
                           int         code,
                           const char *format,
                           ...) G_GNUC_PRINTF (3, 4);

static void
set_error (GError          **error,
           int               code,
           FasciaAtlasFile   file,
           const char       *record_id,
           guint             record_index,
           const char       *path,
           const char       *message)
{
  const FileSchema *schema = &file_schemas[file];
  g_autoptr(GString) text = g_string_new (schema->file_name);

  g_string_append (text, ": ");
  if (record_id != NULL)
    g_string_append_printf (text, "%s “%s”: ", schema->record, record_id);
  else
    g_string_append_printf (text, "%s %u: ", schema->record, record_index + 1);

  if (path != NULL && path[0] != '\0')
    g_string_append_printf (text, "field “%s”: ", path);

  g_string_append (text, message);
  g_set_error_literal (error, FASCIA_ATLAS_ERROR, code, text->str);
}

static gboolean
walk_fail (Walk       *walk,
           int         code,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  set_error (walk->error, code, walk->file, walk->record_id, walk->record_index,
             walk->path->str, message);
  return FALSE;
}

static gboolean
is_slug (const char *text)
{
  gboolean after_hyphen = TRUE;

  /* [a-z0-9]+(-[a-z0-9]+)* */
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
        after_hyphen = FALSE;
      else if (*p == '-' && !after_hyphen)
        after_hyphen = TRUE;
      else
        return FALSE;
    }

  return !after_hyphen;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

guint
fascia_atlas_count_words (const char *text)
{
  gboolean in_word = FALSE;
  guint n = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean space = g_unichar_isspace (g_utf8_get_char (p));

      if (!space && !in_word)
        n++;
      in_word = !space;
    }

  return n;
}

static const char *
node_string (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}

static gboolean
is_null_or_empty (JsonNode *node)
{
  return node != NULL &&
         (JSON_NODE_HOLDS_NULL (node) ||
          (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) == 0));
}

static gboolean walk_value (Walk        *walk,
                            const Field *field,
                            JsonNode    *node,
                            guint        index);

/* @index is the object's place in its array, for KIND_ORDINAL fields. */
static gboolean
walk_object (Walk        *walk,
             const Field *fields,
             JsonObject  *object,
             guint        index)
{
  g_autoptr(GList) members = json_object_get_members (object);
  gsize path_len = walk->path->len;

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      gboolean known = FALSE;

      for (const Field *field = fields; field->name != NULL && !known; field++)
        known = g_str_equal (field->name, name);

      if (!known)
        {
          g_string_append (walk->path, name);
          return walk_fail (walk, FASCIA_ATLAS_ERROR_UNKNOWN_FIELD, "unknown field");
        }
    }

  for (const Field *field = fields; field->name != NULL; field++)
    {
      JsonNode *node = json_object_get_member (object, field->name);

      g_string_append (walk->path, field->name);

      if (node == NULL)
        {
          if ((field->flags & FLAG_OPTIONAL) == 0)
            return walk_fail (walk, FASCIA_ATLAS_ERROR_MISSING_FIELD, "missing");
        }
      else if (JSON_NODE_HOLDS_NULL (node))
        {
          if ((field->flags & FLAG_NULLABLE) == 0)
            return walk_fail (walk, FASCIA_ATLAS_ERROR_WRONG_TYPE, "must not be null");
        }
      else if (!walk_value (walk, field, node, index))
        {
          return FALSE;
        }

      if ((field->flags & FLAG_EXPLAINED) != 0 && is_null_or_empty (node) &&
          !json_object_has_member (object, "notes"))
        return walk_fail (walk, FASCIA_ATLAS_ERROR_MISSING_FIELD,
                          "is %s, but no “notes” say why",
                          JSON_NODE_HOLDS_NULL (node) ? "null" : "empty");

      g_string_truncate (walk->path, path_len);
    }

  return TRUE;
}

static gboolean
walk_text (Walk        *walk,
           const Field *field,
           JsonNode    *node)
{
  const char *text = node_string (node);

  if (text == NULL)
    return walk_fail (walk, FASCIA_ATLAS_ERROR_WRONG_TYPE, "expected a string");

  if (is_blank (text))
    return walk_fail (walk, FASCIA_ATLAS_ERROR_INVALID_VALUE, "must not be empty");

  if ((field->flags & FLAG_SHORT) != 0)
    {
      guint words = fascia_atlas_count_words (text);

      if (words > MAX_CLIENT_WORDS)
        return walk_fail (walk, FASCIA_ATLAS_ERROR_INVALID_VALUE,
                          "%u words, at most %u allowed", words, MAX_CLIENT_WORDS);
    }

  if (field->pattern != NULL)
    {
      g_autofree char *anchored = g_strdup_printf ("^(?:%s)$", field->pattern);

      if (!g_regex_match_simple (anchored, text, G_REGEX_DEFAULT, G_REGEX_MATCH_DEFAULT))
        return walk_fail (walk, FASCIA_ATLAS_ERROR_INVALID_VALUE,
                          "“%s” does not have the form %s", text, field->pattern);
    }

  return TRUE;
}

static gboolean
walk_id (Walk        *walk,
         const Field *field,
         JsonNode    *node)
{
  const char *id = node_string (node);
  Link *link;

  if (id == NULL)
    return walk_fail (walk, FASCIA_ATLAS_ERROR_WRONG_TYPE, "expected an id (a string)");

  if (!is_slug (id))
    return walk_fail (walk, FASCIA_ATLAS_ERROR_INVALID_VALUE,
                      "“%s” is not a lowercase slug like “psoas-major”", id);

  if ((field->flags & FLAG_NOT_SELF) != 0 && g_strcmp0 (id, walk->record_id) == 0)
    return walk_fail (walk, FASCIA_ATLAS_ERROR_INVALID_VALUE, "names the record itself");

  if (field->refers_to == REF_NONE)
    return TRUE;

  link = g_new0 (Link, 1);
  link->file = walk->file;
  link->record_id = g_strdup (walk->record_id);
  link->path = g_strdup (walk->path->str);
  link->refers_to = field->refers_to;
  link->id = g_strdup (id);
  g_ptr_array_add (walk->links, link);

  return TRUE;
}

static gboolean
walk_choice (Walk        *walk,
             const Field *field,
             JsonNode    *node)
{
  const char *text = node_string (node);
  g_autofree char *choices = NULL;

  if (text == NULL)
    return walk_fail (walk, FASCIA_ATLAS_ERROR_WRONG_TYPE, "expected a string");

  if (g_strv_contains (field->choices, text))
    return TRUE;

  choices = g_strjoinv (", ", (char **) field->choices);
  return walk_fail (walk, FASCIA_ATLAS_ERROR_INVALID_VALUE,
                    "“%s” is not one of %s", text, choices);
}

static gboolean
walk_array (Walk        *walk,
            const Field *field,
            JsonNode    *node)
{
  g_autoptr(GHashTable) seen = NULL;
  Field element = *field;
  JsonArray *array;
  gsize path_len = walk->path->len;
  guint length;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return walk_fail (walk, FASCIA_ATLAS_ERROR_WRONG_TYPE, "expected an array");

  array = json_node_get_array (node);
  length = json_array_get_length (array);

  if (length == 0 && (field->flags & FLAG_NON_EMPTY) != 0)
    return walk_fail (walk, FASCIA_ATLAS_ERROR_INVALID_VALUE, "must not be empty");

  /* Each element is checked as the field's scalar kind. */
  element.kind = field->kind == KIND_TEXTS ? KIND_TEXT :
                 field->kind == KIND_IDS ? KIND_ID : KIND_OBJECT;
  element.flags = FLAG_NONE;

  if (field->kind == KIND_IDS)
    seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < length; i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      g_string_append_printf (walk->path, "[%u]", i);

      if (!walk_value (walk, &element, item, i))
        return FALSE;

      if (seen != NULL && !g_hash_table_add (seen, (gpointer) json_node_get_string (item)))
        return walk_fail (walk, FASCIA_ATLAS_ERROR_DUPLICATE_ID,
                          "“%s” is listed twice", json_node_get_string (item));

      g_string_truncate (walk->path, path_len);
    }

  return TRUE;
}

static gboolean
walk_value (Walk        *walk,
            const Field *field,
            JsonNode    *node,
            guint        index)
{
  switch (field->kind)
    {
    case KIND_TEXT:
      return walk_text (walk, field, node);

    case KIND_ID:
      return walk_id (walk, field, node);

    case KIND_CHOICE:
      return walk_choice (walk, field, node);

    case KIND_BOOLEAN:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return walk_fail (walk, FASCIA_ATLAS_ERROR_WRONG_TYPE, "expected true or false");
      return TRUE;

    case KIND_ORDINAL:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        return walk_fail (walk, FASCIA_ATLAS_ERROR_WRONG_TYPE, "expected a whole number");
      if (json_node_get_int (node) != (gint64) index + 1)
        return walk_fail (walk, FASCIA_ATLAS_ERROR_INVALID_VALUE,
                          "is %" G_GINT64_FORMAT ", expected %u: numbers run 1, 2, 3 … in order",
                          json_node_get_int (node), index + 1);
      return TRUE;

    case KIND_TEXTS:
    case KIND_IDS:
    case KIND_OBJECTS:
      return walk_array (walk, field, node);

    case KIND_OBJECT:
      {
        if (!JSON_NODE_HOLDS_OBJECT (node))
          return walk_fail (walk, FASCIA_ATLAS_ERROR_WRONG_TYPE, "expected an object");

        g_string_append_c (walk->path, '.');
        return walk_object (walk, field->fields, json_node_get_object (node), index);
      }

    default:
      g_assert_not_reached ();
    }
}

/* Deeper than any atlas record needs (about 6), far below where json-glib's recursive parser
 * runs out of stack. */
#define MAX_JSON_DEPTH 64

/* A cheap scan before parsing: the deepest nesting of arrays and objects, outside strings,
 * stopping at the first line past @max_depth (*line). */
static guint
json_depth (const char *data,
            gsize       size,
            guint       max_depth,
            guint      *line)
{
  gboolean in_string = FALSE;
  guint depth = 0, deepest = 0;

  *line = 1;
  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (c == '\n')
        (*line)++;

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          depth++;
          deepest = MAX (deepest, depth);
          if (depth > max_depth)
            return deepest;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return deepest;
}

/* A FLAG_UNIQUE field's text (an FMA or TA98 identifier) names one structure, so no two records
 * of a file share it; @seen maps "field\ntext" to the record that has it. */
static gboolean
check_unique (Walk             *walk,
              const FileSchema *schema,
              JsonObject       *object,
              GHashTable       *seen)
{
  for (const Field *field = schema->fields; field->name != NULL; field++)
    {
      JsonNode *node = json_object_get_member (object, field->name);
      const char *text = node != NULL ? node_string (node) : NULL;
      const char *other;
      char *key;

      if ((field->flags & FLAG_UNIQUE) == 0 || text == NULL)
        continue;

      key = g_strdup_printf ("%s\n%s", field->name, text);
      other = g_hash_table_lookup (seen, key);
      if (other != NULL)
        {
          g_free (key);
          g_string_assign (walk->path, field->name);
          return walk_fail (walk, FASCIA_ATLAS_ERROR_DUPLICATE_ID,
                            "“%s” is also the %s of %s “%s”: an identifier names one structure",
                            text, field->name, schema->record, other);
        }

      g_hash_table_insert (seen, key, (gpointer) (walk->record_id != NULL ? walk->record_id : "?"));
    }

  return TRUE;
}

/* Parses one file and walks its records; adds their ids to @ids. */
static JsonArray *
walk_file (FasciaAtlasFile   file,
           GBytes           *contents,
           GHashTable       *ids,
           GPtrArray        *links,
           GError          **error)
{
  const FileSchema *schema = &file_schemas[file];
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) members = NULL;
  g_autoptr(GHashTable) unique = NULL;  /* "field\nvalue" → the record that has it */
  JsonObject *root;
  JsonNode *node;
  JsonArray *records;
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);
  guint line;

  if (json_depth (data, size, MAX_JSON_DEPTH, &line) > MAX_JSON_DEPTH)
    {
      g_set_error (error, FASCIA_ATLAS_ERROR, FASCIA_ATLAS_ERROR_PARSE,
                   "%s: line %u: arrays and objects nested more than %u deep; the file was not "
                   "read", schema->file_name, line, MAX_JSON_DEPTH);
      return NULL;
    }

  /* An empty file's bytes may have no data pointer at all. */
  if (!json_parser_load_from_data (parser, data != NULL ? data : "", size, &local_error))
    {
      g_set_error (error, FASCIA_ATLAS_ERROR, FASCIA_ATLAS_ERROR_PARSE,
                   "%s: not valid JSON: %s", schema->file_name, local_error->message);
      return NULL;
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, FASCIA_ATLAS_ERROR, FASCIA_ATLAS_ERROR_PARSE,
                   "%s: expected an object with one member “%s”",
                   schema->file_name, schema->member);
      return NULL;
    }

  root = json_node_get_object (node);
  members = json_object_get_members (root);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      if (!g_str_equal (l->data, schema->member))
        {
          g_set_error (error, FASCIA_ATLAS_ERROR, FASCIA_ATLAS_ERROR_UNKNOWN_FIELD,
                       "%s: unknown member “%s”: the file has one member, “%s”",
                       schema->file_name, (const char *) l->data, schema->member);
          return NULL;
        }
    }

  node = json_object_get_member (root, schema->member);
  if (node == NULL)
    {
      g_set_error (error, FASCIA_ATLAS_ERROR, FASCIA_ATLAS_ERROR_MISSING_FIELD,
                   "%s: missing member “%s”", schema->file_name, schema->member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, FASCIA_ATLAS_ERROR, FASCIA_ATLAS_ERROR_WRONG_TYPE,
                   "%s: member “%s”: expected an array", schema->file_name, schema->member);
      return NULL;
    }

  records = json_node_get_array (node);
  unique = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      g_autoptr(GString) path = g_string_new (NULL);
      JsonNode *record = json_array_get_element (records, i);
      Walk walk = { file, NULL, i, path, links, error };
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (record))
        {
          walk_fail (&walk, FASCIA_ATLAS_ERROR_WRONG_TYPE, "expected an object");
          return NULL;
        }

      /* Name the record by its id in messages, even before the id is checked. */
      object = json_node_get_object (record);
      if (json_object_has_member (object, "id"))
        walk.record_id = node_string (json_object_get_member (object, "id"));

      if (!walk_object (&walk, schema->fields, object, i))
        return NULL;

      if (!g_hash_table_add (ids, (gpointer) walk.record_id))
        {
          g_string_assign (path, "id");
          walk_fail (&walk, FASCIA_ATLAS_ERROR_DUPLICATE_ID,
                     "another %s has the same id", schema->record);
          return NULL;
        }

      if (!check_unique (&walk, schema, object, unique))
        return NULL;
    }

  return json_array_ref (records);
}

static JsonObject *
find_record (JsonArray  *records,
             const char *id)
{
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      if (g_str_equal (fascia_json_get_string (record, "id"), id))
        return record;
    }

  return NULL;
}

/* The rules that span files, once every id is known. */
static gboolean
check_links (JsonArray  **records,
             GHashTable **ids,
             GPtrArray   *links,
             GError     **error)
{
  JsonArray *muscles = records[FASCIA_ATLAS_FILE_MUSCLES];
  JsonArray *views = records[FASCIA_ATLAS_FILE_VIEWS];
  JsonArray *techniques = records[FASCIA_ATLAS_FILE_TECHNIQUES];
  g_autoptr(GHashTable) treated = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < links->len; i++)
    {
      const Link *link = g_ptr_array_index (links, i);
      const FileSchema *target = &file_schemas[ref_files[link->refers_to]];

      if (!g_hash_table_contains (ids[ref_files[link->refers_to]], link->id))
        {
          g_autofree char *message = g_strdup_printf ("no %s “%s” in %s", target->record,
                                                      link->id, target->file_name);

          set_error (error, FASCIA_ATLAS_ERROR_DANGLING_ID, link->file, link->record_id, 0,
                     link->path, message);
          return FALSE;
        }

      if (link->file == FASCIA_ATLAS_FILE_TECHNIQUES && link->refers_to == REF_MUSCLE)
        g_hash_table_add (treated, link->id);
    }

  /* A muscle's techniques are derived from the techniques' "muscles"; none is a gap. */
  for (guint i = 0; i < json_array_get_length (muscles); i++)
    {
      const char *id = fascia_json_get_string (json_array_get_object_element (muscles, i), "id");

      if (!g_hash_table_contains (treated, id))
        {
          set_error (error, FASCIA_ATLAS_ERROR_INVALID_VALUE, FASCIA_ATLAS_FILE_MUSCLES, id, i,
                     NULL, "no technique in techniques.json lists it in “muscles”");
          return FALSE;
        }
    }

  /* A relation is stated on both cards: culprit mirrors victim, synergist and antagonist
   * mirror themselves. */
  for (guint i = 0; i < json_array_get_length (muscles); i++)
    {
      JsonObject *muscle = json_array_get_object_element (muscles, i);
      const char *id = fascia_json_get_string (muscle, "id");
      JsonArray *relations = json_object_get_array_member (muscle, "relations");

      for (guint j = 0; j < json_array_get_length (relations); j++)
        {
          JsonObject *relation = json_array_get_object_element (relations, j);
          const char *role = fascia_json_get_string (relation, "role");
          const char *other_id = fascia_json_get_string (relation, "muscle");
          const char *mirror = g_str_equal (role, "culprit") ? "victim" :
                               g_str_equal (role, "victim") ? "culprit" : role;
          JsonObject *other = find_record (muscles, other_id);
          JsonArray *back = json_object_get_array_member (other, "relations");
          gboolean found = FALSE;

          for (guint k = 0; k < json_array_get_length (back) && !found; k++)
            {
              JsonObject *b = json_array_get_object_element (back, k);

              found = g_str_equal (fascia_json_get_string (b, "muscle"), id) &&
                      g_str_equal (fascia_json_get_string (b, "role"), mirror);
            }

          if (!found)
            {
              g_autofree char *path = g_strdup_printf ("relations[%u]", j);
              g_autofree char *message =
                g_strdup_printf ("one-sided: muscle “%s” has no “%s” relation to “%s”",
                                 other_id, mirror, id);

              set_error (error, FASCIA_ATLAS_ERROR_INVALID_VALUE, FASCIA_ATLAS_FILE_MUSCLES, id,
                         i, path, message);
              return FALSE;
            }
        }
    }

  /* A technique says once what each condition means for it. */
  for (guint i = 0; i < json_array_get_length (techniques); i++)
    {
      JsonObject *technique = json_array_get_object_element (techniques, i);
      JsonArray *entries = json_object_get_array_member (technique, "contraindications");
      guint seen = 0;

      for (guint j = 0; j < json_array_get_length (entries); j++)
        {
          const char *condition_id =
            fascia_json_get_string (json_array_get_object_element (entries, j), "condition");
          FasciaCondition condition;

          if (!fascia_condition_from_id (condition_id, &condition))
            g_assert_not_reached ();  /* a choice the walk accepted */

          if (seen & FASCIA_CONDITION_BIT (condition))
            {
              g_autofree char *path = g_strdup_printf ("contraindications[%u].condition", j);
              g_autofree char *message = g_strdup_printf ("“%s” is listed twice", condition_id);

              set_error (error, FASCIA_ATLAS_ERROR_DUPLICATE_ID, FASCIA_ATLAS_FILE_TECHNIQUES,
                         fascia_json_get_string (technique, "id"), i, path, message);
              return FALSE;
            }
          seen |= FASCIA_CONDITION_BIT (condition);
        }
    }

  /* "drawn": false is for landmarks outside every diagram. */
  for (guint i = 0; i < json_array_get_length (views); i++)
    {
      JsonObject *view = json_array_get_object_element (views, i);
      JsonArray *shown = json_object_get_array_member (view, "landmarks");

      for (guint j = 0; j < json_array_get_length (shown); j++)
        {
          const char *id = json_array_get_string_element (shown, j);
          JsonObject *landmark = find_record (records[FASCIA_ATLAS_FILE_LANDMARKS], id);

          if (!json_object_get_boolean_member (landmark, "drawn"))
            {
              g_autofree char *path = g_strdup_printf ("landmarks[%u]", j);
              g_autofree char *message =
                g_strdup_printf ("landmark “%s” is not drawn (landmarks.json)", id);

              set_error (error, FASCIA_ATLAS_ERROR_INVALID_VALUE, FASCIA_ATLAS_FILE_VIEWS,
                         fascia_json_get_string (view, "id"), i, path, message);
              return FALSE;
            }
        }
    }

  return TRUE;
}

/**
 * fascia_atlas_validate:
 * @contents: %FASCIA_ATLAS_N_FILES file contents, in #FasciaAtlasFile order
 * @records: (out caller-allocates): %FASCIA_ATLAS_N_FILES arrays, each the records of
 *   one file, set only on success; unref each
 * @error: return location for a #GError
 *
 * Checks every file against the format and every id against the records it names.
 *
 * Returns: whether the content is valid; the #GError names the file, record and field.
 */
gboolean
fascia_atlas_validate (GBytes     **contents,
                       JsonArray  **records,
                       GError     **error)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (link_free);
  JsonArray *walked[FASCIA_ATLAS_N_FILES] = { NULL, };
  GHashTable *ids[FASCIA_ATLAS_N_FILES] = { NULL, };
  gboolean ok = TRUE;

  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint file = 0; file < FASCIA_ATLAS_N_FILES && ok; file++)
    {
      /* Keys are borrowed from the parsed records, which live as long as walked[]. */
      ids[file] = g_hash_table_new (g_str_hash, g_str_equal);
      walked[file] = walk_file (file, contents[file], ids[file], links, error);
      ok = walked[file] != NULL;
    }

  if (ok)
    ok = check_links (walked, ids, links, error);

  /* Links borrow nothing, but the id tables borrow from walked[]: drop them first. */
  for (guint file = 0; file < FASCIA_ATLAS_N_FILES; file++)
    g_clear_pointer (&ids[file], g_hash_table_unref);

  for (guint file = 0; file < FASCIA_ATLAS_N_FILES; file++)
    {
      if (ok)
        records[file] = walked[file];
      else
        g_clear_pointer (&walked[file], json_array_unref);
    }

  return ok;
}

const char *
fascia_atlas_file_name (FasciaAtlasFile file)
{
  g_return_val_if_fail (file < FASCIA_ATLAS_N_FILES, NULL);

  return file_schemas[file].file_name;
}

/* NULL when @member is absent or null. */
const char *
fascia_json_get_string (JsonObject *object,
                        const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL ? node_string (node) : NULL;
}

/* The readers of a record in its GVariant form (see fascia-atlas-private.h). Its members are
 * read out once, for g_variant_lookup_value() scans an "a{sv}" making a GVariant of each
 * member it passes: as many lookups as a record has fields made the build as slow as the
 * JSON's parse. */
struct _FasciaRecord
{
  GVariant    *dict;     /* owned: the keys below point into its data */
  guint        n;
  const char **keys;
  GVariant   **values;   /* owned, unboxed */
};

FasciaRecord *
fascia_record_new (GVariant *dict)
{
  FasciaRecord *self;
  GVariantIter iter;
  const char *key;
  GVariant *value;
  gsize n;

  g_return_val_if_fail (g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT), NULL);

  n = g_variant_n_children (dict);
  self = g_new0 (FasciaRecord, 1);
  self->dict = g_variant_ref (dict);
  self->keys = g_new (const char *, n);
  self->values = g_new (GVariant *, n);
  g_variant_iter_init (&iter, dict);
  while (self->n < n && g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      self->keys[self->n] = key;
      self->values[self->n++] = value;
    }
  return self;
}

void
fascia_record_free (FasciaRecord *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n; i++)
    g_variant_unref (self->values[i]);
  g_free (self->values);
  g_free (self->keys);
  g_variant_unref (self->dict);
  g_free (self);
}

static GVariant *
find_member (FasciaRecord *self,
             const char   *member)
{
  if (self == NULL)
    return NULL;
  for (guint i = 0; i < self->n; i++)
    if (strcmp (self->keys[i], member) == 0)
      return self->values[i];
  return NULL;
}

const char *
fascia_record_get_string (FasciaRecord *self,
                          const char   *member)
{
  GVariant *value = find_member (self, member);

  /* Borrowed from the record's data: a null member is "mv", not "s", and reads as NULL. */
  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return NULL;
  return g_variant_get_string (value, NULL);
}

char **
fascia_record_dup_strv (FasciaRecord *self,
                        const char   *member)
{
  GVariant *array = find_member (self, member);
  gsize length = 0, n = 0;
  char **strv;

  if (array != NULL && g_variant_is_of_type (array, G_VARIANT_TYPE ("av")))
    length = g_variant_n_children (array);
  strv = g_new0 (char *, length + 1);
  for (gsize i = 0; i < length; i++)
    {
      g_autoptr(GVariant) boxed = g_variant_get_child_value (array, i);
      g_autoptr(GVariant) element = g_variant_get_variant (boxed);

      /* As json_array_get_string_element(): NULL, the end of the list, for what is not one. */
      if (!g_variant_is_of_type (element, G_VARIANT_TYPE_STRING))
        break;
      strv[n++] = g_variant_dup_string (element, NULL);
    }

  return strv;
}

gboolean
fascia_record_get_boolean (FasciaRecord *self,
                           const char   *member)
{
  GVariant *value = find_member (self, member);

  return value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN)
         && g_variant_get_boolean (value);
}

gint64
fascia_record_get_int (FasciaRecord *self,
                       const char   *member)
{
  GVariant *value = find_member (self, member);

  /* As json_object_get_int_member(): a number written with a fraction is cut to an int. */
  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return g_variant_get_int64 (value);
  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return (gint64) g_variant_get_double (value);
  return 0;
}

/* (transfer full) (nullable): @member of @self if it is an array ("av"). */
GVariant *
fascia_record_get_array (FasciaRecord *self,
                         const char   *member)
{
  GVariant *value = find_member (self, member);

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE ("av")))
    return NULL;
  return g_variant_ref (value);
}

/* (transfer full) (nullable): @member of @self if it is an object. */
FasciaRecord *
fascia_record_get_record (FasciaRecord *self,
                          const char   *member)
{
  GVariant *value = find_member (self, member);

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_VARDICT))
    return NULL;
  return fascia_record_new (value);
}

/* (transfer full): the @index-th element of an "av" of objects. */
FasciaRecord *
fascia_record_get_element (GVariant *array,
                           gsize     index)
{
  g_autoptr(GVariant) boxed = g_variant_get_child_value (array, index);
  g_autoptr(GVariant) element = g_variant_get_variant (boxed);

  return fascia_record_new (element);
}
