/* fascia-ui-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-ui"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "fascia/fascia-client.h"
#include "fascia/fascia-date.h"
#include "fascia/fascia-muscle.h"
#include "fascia/fascia-view.h"

#include "fascia-ui-utils.h"

#include "fascia/fascia-store-journal.h"

/* The first toast overlay inside @widget, itself included. */
static GtkWidget *
overlay_inside (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *overlay = overlay_inside (child);

      if (overlay != NULL)
        return overlay;
    }
  return NULL;
}

/* Where a toast about @widget shows: the overlay it lies in; for the window itself (the main
 * menu's Import, Export, Back Up and Restore speak for the window) or a part of a window
 * without one, the overlay inside that window, else inside the window it stands over. Without
 * the last two, a refusal asked for by the window was written to the log and shown nowhere. */
static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (overlay == NULL && root != NULL)
    overlay = overlay_inside (GTK_WIDGET (root));
  if (overlay == NULL && GTK_IS_WINDOW (root)
      && gtk_window_get_transient_for (GTK_WINDOW (root)) != NULL)
    overlay = overlay_inside (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (root))));
  return overlay != NULL ? ADW_TOAST_OVERLAY (overlay) : NULL;
}

/* A toast's title is Pango markup in libadwaita 1.2 (AdwToast:use-markup came in 1.4), and
 * toasts name clients, plans and files: the text goes in escaped, so “Tom O'Neil & <Sons>”
 * shows as typed instead of as nothing. */
static AdwToast *
toast_new_plain (const char *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  return adw_toast_new (escaped);
}

void
fascia_ui_toast (GtkWidget  *widget,
                 const char *title)
{
  AdwToastOverlay *overlay = find_overlay (widget);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, toast_new_plain (title));
}

/* A toast with Undo: it lives in the window's overlay, above the widget that did what it
 * undoes, so its Undo goes through a window action, @undo_action with @target; the window is
 * told of it too (@remember_action), for Ctrl+Z. */
static void
toast_with_undo (GtkWidget  *widget,
                 const char *title,
                 const char *undo_action,
                 const char *remember_action,
                 GVariant   *target)
{
  AdwToastOverlay *overlay = find_overlay (widget);
  g_autoptr(GVariant) owned = g_variant_ref_sink (target);
  AdwToast *toast;

  if (overlay == NULL)
    return;

  toast = toast_new_plain (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, undo_action);
  adw_toast_set_action_target_value (toast, owned);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (overlay, toast);

  gtk_widget_activate_action_variant (widget, remember_action, owned);
}

void
fascia_ui_toast_deleted (GtkWidget        *widget,
                         const char       *title,
                         FasciaStoreTable  table,
                         gint64            id)
{
  toast_with_undo (widget, title, "win.undo-delete", "win.remember-delete",
                   g_variant_new ("(ix)", (int) table, id));
}

/* A client archived leaves the list: its toast offers Undo as a deletion's does, for a
 * client archived by a stray Enter on the header's button, one Tab away from the client
 * list. */
void
fascia_ui_toast_archived (GtkWidget  *widget,
                          const char *title,
                          gint64      client_id)
{
  toast_with_undo (widget, title, "win.undo-archive", "win.remember-archive",
                   g_variant_new_int64 (client_id));
}

void
fascia_ui_show_error (GtkWidget    *widget,
                      const char   *what,
                      const GError *error)
{
  g_autofree char *title = g_strdup_printf ("%s: %s", what, error->message);
  AdwToastOverlay *overlay = find_overlay (widget);
  AdwToast *toast;

  g_warning ("%s", title);
  if (overlay == NULL)
    return;
  /* Shown at once, over any other toast: what went wrong just now. */
  toast = toast_new_plain (title);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (overlay, toast);
}

/**
 * fascia_ui_show_read_error:
 * @store: the store the read went to
 * @error: why it failed
 *
 * Tells of a failed read, as fascia_ui_show_error() does — unless the clinic server cannot
 * be reached now (the window's banner says so, and every view reads again when it is back).
 *
 * Returns: %TRUE if nothing was shown, the server being away.
 */
gboolean
fascia_ui_show_read_error (GtkWidget    *widget,
                           FasciaStore  *store,
                           const char   *what,
                           const GError *error)
{
  if (store != NULL && !fascia_store_is_connected (store) &&
      g_error_matches (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO))
    {
      g_debug ("%s: %s; read again when the server is back", what, error->message);
      return TRUE;
    }

  fascia_ui_show_error (widget, what, error);
  return FALSE;
}

/**
 * fascia_ui_show_save_error:
 * @store: the store the save went to
 * @error: why it failed
 *
 * Tells of a failed save, as fascia_ui_show_error() does — unless the clinic server could not
 * be reached and the edit is kept in the store's journal, to be saved when it is back: the
 * window's banner says so already, and the editor keeps the edit on screen, so nothing more
 * is shown.
 *
 * Returns: %TRUE if the edit is kept (the caller leaves what is shown as the user left it).
 */
gboolean
fascia_ui_show_save_error (GtkWidget    *widget,
                           FasciaStore  *store,
                           const char   *what,
                           const GError *error)
{
  if (store != NULL && fascia_store_edit_was_kept (store, error))
    {
      g_debug ("Kept for later: %s", error->message);
      return TRUE;
    }

  fascia_ui_show_error (widget, what, error);
  return FALSE;
}

/* Dates */

/**
 * fascia_ui_format_date:
 * @date: (nullable): a moment
 *
 * The one way Fascia shows a date, in lists, headings and fields alike, as on paper:
 * fascia_format_date() (“2 Dec 2026”), which reads the same in every country, unlike 12/02/26.
 *
 * Returns: (transfer full): the date for display
 */
char *
fascia_ui_format_date (GDateTime *date)
{
  return fascia_format_date (date);
}

char *
fascia_ui_format_iso_date (GDateTime *date)
{
  if (date == NULL)
    return g_strdup ("");

  return g_date_time_format (date, "%Y-%m-%d");
}

/**
 * fascia_ui_format_stored_date:
 * @iso: (nullable): a date as the database keeps it, YYYY-MM-DD
 *
 * Returns: (transfer full): @iso as fascia_ui_format_date() shows it; "" for no date, and
 *   @iso itself if it is not a date (so that nothing typed is ever hidden)
 */
char *
fascia_ui_format_stored_date (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;

  if (iso == NULL || *iso == '\0')
    return g_strdup ("");

  date = fascia_ui_parse_date_in_order (iso, FASCIA_UI_DATE_ORDER_YMD);
  if (date == NULL)
    return g_strdup (iso);

  return fascia_ui_format_date (date);
}

/**
 * fascia_ui_get_locale_date_order:
 *
 * Returns: the order in which the user's locale writes a date in numbers (its `%x`)
 */
FasciaUiDateOrder
fascia_ui_get_locale_date_order (void)
{
  g_autoptr(GDateTime) sample = g_date_time_new_local (2001, 11, 22, 12, 0, 0);
  g_autofree char *text = g_date_time_format (sample, "%x");
  const char *day = text != NULL ? strstr (text, "22") : NULL;
  const char *month = text != NULL ? strstr (text, "11") : NULL;
  const char *year = text != NULL ? strstr (text, "01") : NULL;

  if (day == NULL || month == NULL || year == NULL)
    return FASCIA_UI_DATE_ORDER_YMD;
  if (year < month && month < day)
    return FASCIA_UI_DATE_ORDER_YMD;
  if (month < day)
    return FASCIA_UI_DATE_ORDER_MDY;
  return FASCIA_UI_DATE_ORDER_DMY;
}

/* A month typed as a word, full or abbreviated, in the user's language or in English. */
static int
parse_month_name (const char *word)
{
  g_autofree char *folded = g_utf8_casefold (word, -1);
  static const char * const english[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  };

  for (int month = 1; month <= 12; month++)
    {
      g_autoptr(GDateTime) sample = g_date_time_new_utc (2001, month, 1, 0, 0, 0);
      const char *formats[] = { "%b", "%B" };

      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        {
          g_autofree char *name = g_date_time_format (sample, formats[i]);
          g_autofree char *name_folded = name != NULL ? g_utf8_casefold (name, -1) : NULL;

          /* "févr." and "févr" alike */
          if (name_folded != NULL && g_str_has_suffix (name_folded, "."))
            name_folded[strlen (name_folded) - 1] = '\0';
          if (name_folded != NULL && g_str_equal (folded, name_folded))
            return month;
        }

      if (strlen (folded) >= 3 && g_str_has_prefix (folded, english[month - 1]))
        return month;
    }

  return 0;
}

static gboolean
parse_number (const char *word,
              int        *value)
{
  guint64 number;

  if (*word == '\0' || strlen (word) > 4)
    return FALSE;
  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  number = g_ascii_strtoull (word, NULL, 10);
  *value = (int) number;
  return TRUE;
}

/* Two-digit years are taken as the most recent such year: 85 is 1985, 24 is 2024. */
static int
full_year (const char *word,
           int         year)
{
  if (strlen (word) == 2)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      int this_year = g_date_time_get_year (now);
      int century = this_year - this_year % 100;

      year += century;
      if (year > this_year)
        year -= 100;
    }

  return year;
}

/**
 * fascia_ui_parse_date_in_order:
 * @text: a date as typed: ISO (2026-12-31), three numbers in @order (31/12/2026,
 *   31.12.26), or with the month as a word (31 Dec 2026, December 31, 2026)
 * @order: the order of three numbers that do not start with a four-digit year
 *
 * Returns: (nullable) (transfer full): noon local time on that day, or %NULL if @text is not
 *   a whole date between the years 1800 and 9999
 */
GDateTime *
fascia_ui_parse_date_in_order (const char        *text,
                               FasciaUiDateOrder  order)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  const char *word_start = NULL;
  int day = 0, month = 0, year = 0;
  int numbers[3];
  const char *number_words[3];
  guint n_numbers = 0;
  int month_word = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  /* Words are runs of letters or digits; anything else separates them. */
  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean in_word = c != 0 && (g_unichar_isalnum (c) || (word_start != NULL && c == '.'
                                                                && !g_ascii_isdigit (*word_start)));

      if (in_word && word_start == NULL)
        word_start = p;
      else if (!in_word && word_start != NULL)
        {
          if (words->len == 3)
            return NULL;
          g_ptr_array_add (words, g_strndup (word_start, p - word_start));
          word_start = NULL;
        }
      if (c == 0)
        break;
    }

  if (words->len != 3)
    return NULL;

  for (guint i = 0; i < 3; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      int value;

      if (parse_number (word, &value))
        {
          numbers[n_numbers] = value;
          number_words[n_numbers] = word;
          n_numbers++;
        }
      else if (month_word == 0 && (value = parse_month_name (word)) != 0)
        month_word = value;
      else
        return NULL;
    }

  if (month_word != 0)
    {
      /* The year is the number with four digits, or the last one. */
      guint year_index = strlen (number_words[0]) == 4 ? 0 : 1;

      month = month_word;
      year = full_year (number_words[year_index], numbers[year_index]);
      day = numbers[1 - year_index];
      if (strlen (number_words[1 - year_index]) > 2)
        return NULL;
    }
  else if (strlen (number_words[0]) == 4 || order == FASCIA_UI_DATE_ORDER_YMD)
    {
      year = full_year (number_words[0], numbers[0]);
      month = numbers[1];
      day = numbers[2];
      if (strlen (number_words[1]) > 2 || strlen (number_words[2]) > 2)
        return NULL;
    }
  else
    {
      if (strlen (number_words[0]) > 2 || strlen (number_words[1]) > 2)
        return NULL;
      day = order == FASCIA_UI_DATE_ORDER_DMY ? numbers[0] : numbers[1];
      month = order == FASCIA_UI_DATE_ORDER_DMY ? numbers[1] : numbers[0];
      year = full_year (number_words[2], numbers[2]);
    }

  if (year < 1800 || year > 9999 || month < 1 || month > 12 || day < 1
      || !g_date_valid_dmy (day, month, year))
    return NULL;

  return g_date_time_new_local (year, month, day, 12, 0, 0);
}

/**
 * fascia_ui_parse_date:
 * @text: a date as typed, see fascia_ui_parse_date_in_order()
 *
 * Reads three numbers in the order of the user's locale.
 *
 * Returns: (nullable) (transfer full): noon local time on that day, or %NULL if @text is not
 *   a date.
 */
GDateTime *
fascia_ui_parse_date (const char *text)
{
  return fascia_ui_parse_date_in_order (text, fascia_ui_get_locale_date_order ());
}

/**
 * fascia_ui_describe_date_format:
 *
 * Returns: (transfer full): how a date may be typed, for the message under a field that
 *   holds something else
 */
char *
fascia_ui_describe_date_format (void)
{
  const char *example;

  switch (fascia_ui_get_locale_date_order ())
    {
    case FASCIA_UI_DATE_ORDER_DMY:
      example = "31/12/2026";
      break;
    case FASCIA_UI_DATE_ORDER_MDY:
      example = "12/31/2026";
      break;
    case FASCIA_UI_DATE_ORDER_YMD:
    default:
      example = "2026/12/31";
      break;
    }

  /* Translators: under a date field that holds something else; %s is an example date
   * in the order of the user's locale */
  return g_strdup_printf (_("Not a date, not saved. Type it as %s or 2026-12-31, or pick it "
                            "from the calendar."), example);
}

/* Fields that refuse bad input visibly */

#define FIELD_MESSAGE_KEY "fascia-field-message"
#define FIELD_CHECK_KEY "fascia-field-check"

typedef char *(*FieldCheck) (const char *text);

static GtkWidget *
message_label_for (GtkWidget *field)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (field), FIELD_MESSAGE_KEY);
  GtkWidget *parent = gtk_widget_get_parent (field);

  if (label != NULL || parent == NULL)
    return label;

  label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "field-message");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);

  /* Under the field: in a boxed list as a row of its own that takes no focus. */
  if (GTK_IS_LIST_BOX (parent) && GTK_IS_LIST_BOX_ROW (field))
    {
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_insert (GTK_LIST_BOX (parent), row,
                           gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (field)) + 1);
    }
  else if (GTK_IS_BOX (parent))
    gtk_box_insert_child_after (GTK_BOX (parent), label, field);
  else
    {
      g_object_ref_sink (label);
      g_object_unref (label);
      return NULL;
    }

  g_object_set_data (G_OBJECT (field), FIELD_MESSAGE_KEY, label);
  return label;
}

static void
set_message_visible (GtkWidget *label,
                     gboolean   visible)
{
  GtkWidget *parent = gtk_widget_get_parent (label);

  gtk_widget_set_visible (label, visible);
  if (GTK_IS_LIST_BOX_ROW (parent))
    gtk_widget_set_visible (parent, visible);
}

/**
 * fascia_ui_field_set_error:
 * @field: an entry row or another field
 * @message: (nullable): what is wrong with what it holds, or %NULL if nothing is
 *
 * Marks @field as holding something that was not saved: the `error` style class, the
 * message in a label under it, and the message as the field's accessible description, so
 * that a screen reader says it too. The field's text is left as it is.
 */
void
fascia_ui_field_set_error (GtkWidget  *field,
                           const char *message)
{
  GtkWidget *label;
  GtkWidget *delegate = GTK_IS_EDITABLE (field)
                        ? GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (field))) : NULL;

  g_return_if_fail (GTK_IS_WIDGET (field));

  if (message != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      label = message_label_for (field);
      if (label != NULL)
        {
          gtk_label_set_text (GTK_LABEL (label), message);
          set_message_visible (label, TRUE);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (field),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (field),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
      if (delegate != NULL && delegate != field)
        {
          gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
          gtk_accessible_update_state (GTK_ACCESSIBLE (delegate), GTK_ACCESSIBLE_STATE_INVALID,
                                       GTK_ACCESSIBLE_INVALID_TRUE, -1);
        }
    }
  else
    {
      gtk_widget_remove_css_class (field, "error");
      label = g_object_get_data (G_OBJECT (field), FIELD_MESSAGE_KEY);
      if (label != NULL)
        {
          gtk_label_set_text (GTK_LABEL (label), "");
          set_message_visible (label, FALSE);
        }
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
      if (delegate != NULL && delegate != field)
        {
          gtk_accessible_reset_property (GTK_ACCESSIBLE (delegate),
                                         GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
          gtk_accessible_reset_state (GTK_ACCESSIBLE (delegate), GTK_ACCESSIBLE_STATE_INVALID);
        }
    }
}

/**
 * fascia_ui_field_get_error:
 *
 * Returns: (nullable): the message @field is marked with, or %NULL
 */
const char *
fascia_ui_field_get_error (GtkWidget *field)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (field), FIELD_MESSAGE_KEY);

  g_return_val_if_fail (GTK_IS_WIDGET (field), NULL);

  if (label == NULL || !gtk_widget_get_visible (label))
    return NULL;

  return gtk_label_get_text (GTK_LABEL (label));
}

/* While typing, a field is only ever cleared of its mark: half a date is not an error yet.
 * Leaving the field or pressing Enter says what is wrong with what stays in it. */
static void
check_field (GtkWidget *field,
             gboolean   finished)
{
  FieldCheck check = g_object_get_data (G_OBJECT (field), FIELD_CHECK_KEY);
  g_autofree char *message = check (gtk_editable_get_text (GTK_EDITABLE (field)));

  if (message == NULL)
    fascia_ui_field_set_error (field, NULL);
  else if (finished)
    fascia_ui_field_set_error (field, message);
}

static void
field_changed_cb (GtkWidget *field)
{
  check_field (field, FALSE);
}

static void
field_finished_cb (GtkWidget *field)
{
  check_field (field, TRUE);
}

/* What is typed is checked when the focus leaves the text, not the row: Tab from a date goes
 * first to its calendar button, in the row, and a date half typed or mistyped showed no
 * message until a second Tab left the row. */
static void
add_check (FasciaEntryRow *row,
           FieldCheck      check,
           GCallback       finished)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_object_set_data (G_OBJECT (row), FIELD_CHECK_KEY, check);
  g_signal_connect (row, "changed", G_CALLBACK (field_changed_cb), NULL);
  g_signal_connect (row, "entry-activated", finished, NULL);
  g_signal_connect_swapped (focus, "leave", finished, row);
  gtk_widget_add_controller (fascia_entry_row_get_entry (row), focus);
}

static void set_name (GtkWidget  *widget,
                      const char *name);

static char *
check_date (const char *text)
{
  g_autoptr(GDateTime) date = NULL;

  if (text == NULL || *text == '\0')
    return NULL;

  date = fascia_ui_parse_date (text);
  return date == NULL ? fascia_ui_describe_date_format () : NULL;
}

/* A whole date is written back the one way dates are shown once the field is left. */
static void
date_finished_cb (GtkWidget *row)
{
  g_autoptr(GDateTime) date = fascia_ui_parse_date (gtk_editable_get_text (GTK_EDITABLE (row)));

  if (date != NULL)
    {
      g_autofree char *shown = fascia_ui_format_date (date);

      if (!g_str_equal (shown, gtk_editable_get_text (GTK_EDITABLE (row))))
        gtk_editable_set_text (GTK_EDITABLE (row), shown);
    }

  check_field (row, TRUE);
}

static void
day_selected_cb (GtkCalendar    *calendar,
                 FasciaEntryRow *row)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (calendar);
  g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_time_get_year (picked),
                                                     g_date_time_get_month (picked),
                                                     g_date_time_get_day_of_month (picked),
                                                     12, 0, 0);
  g_autofree char *shown = fascia_ui_format_date (noon);
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (GTK_EDITABLE (row), shown);
  fascia_ui_field_set_error (GTK_WIDGET (row), NULL);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void calendar_keyboard_to_selected (GtkWidget          *calendar,
                                           GDateTime          *date,
                                           GtkEventController *skip);

/* The calendar opens on the date in the field, or today, the keyboard on it. */
static void
calendar_show_cb (GtkWidget      *popover,
                  FasciaEntryRow *row)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (GTK_POPOVER (popover)));
  g_autoptr(GDateTime) date = fascia_ui_parse_date (gtk_editable_get_text (GTK_EDITABLE (row)));

  if (date == NULL)
    date = g_date_time_new_now_local ();

  g_signal_handlers_block_by_func (calendar, day_selected_cb, row);
  gtk_calendar_select_day (calendar, date);
  calendar_keyboard_to_selected (GTK_WIDGET (calendar), date,
                                 g_object_get_data (G_OBJECT (calendar), "fascia-enter-keys"));
  g_signal_handlers_unblock_by_func (calendar, day_selected_cb, row);
}

/* The buttons of @widget and what is under it, in order. */
static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *buttons)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        g_ptr_array_add (buttons, child);
      else
        collect_buttons (child, buttons);
    }
}

/* A calendar is called by its field ("Date of birth"), and its arrows, which GTK 4.8 builds
 * as icons with no name (read "GtkButton"), by what they do: GTK puts them in its header as
 * month back, month on, year back, year on. */
static void
name_calendar (GtkWidget  *calendar,
               const char *field)
{
  static const char * const arrows[] = {
    N_("Previous Month"), N_("Next Month"), N_("Previous Year"), N_("Next Year"),
  };
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  if (field != NULL && *field != '\0')
    set_name (calendar, field);
  collect_buttons (calendar, buttons);
  if (buttons->len == G_N_ELEMENTS (arrows))
    for (guint i = 0; i < buttons->len; i++)
      set_name (g_ptr_array_index (buttons, i), _(arrows[i]));
}

/* Hands @keyval to the calendar's own key handler, as if pressed (the handler GTK gave it,
 * not @skip, one of Fascia's). */
static gboolean
calendar_send_key (GtkWidget          *calendar,
                   guint               keyval,
                   guint               keycode,
                   GdkModifierType     state,
                   GtkEventController *skip)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (calendar);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) && controller != skip)
        g_signal_emit_by_name (controller, "key-pressed", keyval, keycode, state, &handled);
    }
  return handled;
}

/* GTK 4.8's calendar picks the day the keyboard is on with Space alone: Enter, which a user
 * presses to choose, did nothing, the calendar left open. Enter is handed to the calendar's
 * own key handler as Space. */
static gboolean
calendar_key_pressed_cb (GtkEventControllerKey *keys,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         GtkWidget             *calendar)
{
  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
      || (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;

  return calendar_send_key (calendar, GDK_KEY_space, keycode, state, GTK_EVENT_CONTROLLER (keys));
}

/* The cell of the grid of @calendar's days that shows @day of the month shown, counted from
 * the grid's first (0, the top left) to its last (41): the label of the day in the month, not
 * one of the days of the months before and after the grid shows greyed. -1 if none does. */
static int
calendar_day_cell (GtkWidget *calendar,
                   int        day)
{
  g_autofree char *text = g_strdup_printf ("%d", day);
  int cell = -1;

  for (GtkWidget *child = gtk_widget_get_first_child (calendar); child != NULL && cell < 0;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_GRID (child))
        continue;
      for (GtkWidget *label = gtk_widget_get_first_child (child); label != NULL;
           label = gtk_widget_get_next_sibling (label))
        {
          int column, row;

          if (!GTK_IS_LABEL (label) || !gtk_widget_has_css_class (label, "day-number")
              || gtk_widget_has_css_class (label, "other-month")
              || !g_str_equal (gtk_label_get_text (GTK_LABEL (label)), text))
            continue;
          gtk_grid_query_child (GTK_GRID (child), label, &column, &row, NULL, NULL);
          /* The grid's first row holds the days' names, and its first column the weeks'
           * numbers (hidden or not). */
          cell = (row - 1) * 7 + (column - 1);
          break;
        }
    }
  return cell;
}

/* The calendar's keyboard starts on the day selected. GTK 4.8's calendar moves the day the
 * keyboard is on, a cell of its grid, apart from the day selected, and gtk_calendar_select_day()
 * moves the selection alone: the first arrow went to the grid's first cell (an arrow and Enter
 * from 10 Mar picked 23 Feb), and from wherever the keyboard had been in another month the
 * last time. The keyboard's cell is brought to the grid's first cell (up and left as far as
 * the grid goes), then down and right to the selected day's, through the calendar's own key
 * handler: it has no call that moves it. */
static void
calendar_keyboard_to_selected (GtkWidget          *calendar,
                               GDateTime          *date,
                               GtkEventController *skip)
{
  int cell = calendar_day_cell (calendar, g_date_time_get_day_of_month (date));
  /* Right to left, the grid's first cell is on the right, and Left moves on. */
  gboolean rtl = gtk_widget_get_direction (calendar) == GTK_TEXT_DIR_RTL;
  guint back = rtl ? GDK_KEY_Right : GDK_KEY_Left;
  guint on = rtl ? GDK_KEY_Left : GDK_KEY_Right;

  if (cell < 0 || cell > 41)
    return;
  for (guint i = 0; i < 6; i++)
    calendar_send_key (calendar, GDK_KEY_Up, 0, 0, skip);
  for (guint i = 0; i < 7; i++)
    calendar_send_key (calendar, back, 0, 0, skip);
  for (int i = 0; i < cell / 7; i++)
    calendar_send_key (calendar, GDK_KEY_Down, 0, 0, skip);
  for (int i = 0; i < cell % 7; i++)
    calendar_send_key (calendar, on, 0, 0, skip);
}

/* The calendar is made when its button is first pressed: a GtkCalendar is some fifty labels
 * and buttons, which a client view, a plan or a visit opened would otherwise build for each
 * date field whether anyone picks a date or not. */
static void
create_calendar_cb (GtkMenuButton *button,
                    gpointer       user_data)
{
  FasciaEntryRow *row = user_data;
  GtkWidget *popover;
  GtkWidget *calendar;
  GtkEventController *keys;

  if (gtk_menu_button_get_popover (button) != NULL)
    return;

  popover = gtk_popover_new ();
  calendar = gtk_calendar_new ();
  name_calendar (calendar, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (day_selected_cb), row, 0);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (calendar_key_pressed_cb), calendar);
  gtk_widget_add_controller (calendar, keys);
  g_object_set_data (G_OBJECT (calendar), "fascia-enter-keys", keys);
  g_signal_connect_object (popover, "show", G_CALLBACK (calendar_show_cb), row, 0);
  gtk_menu_button_set_popover (button, popover);
}

/*
 * A menu button's menu is made when it is first opened (by a click, its mnemonic or F10),
 * not with its template: GTK 4.8 builds a GtkPopoverMenu, a button and labels for each item,
 * as soon as a menu button is given its menu model, for menus most starts never open. The
 * template names the button and the <menu> and gives the button no menu-model;
 * fascia_ui_bind_deferred_menu() in class_init, fascia_ui_defer_menu() after
 * gtk_widget_init_template().
 */

/* GTK 4.8 reads every item of a menu as a plain menu item, one that turns a setting on and
 * off or picks one of several as well: its GtkModelButton keeps the accessible role it was
 * made with when its action makes it a check or a radio item. Each is given the role of what
 * it is before it is first shown (not after: GTK keeps the role a screen reader was given). */
static void
give_menu_items_roles (GtkWidget *widget)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton"))
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "role");
      GEnumValue *role;
      int value;

      g_object_get (widget, "role", &value, NULL);
      role = G_IS_PARAM_SPEC_ENUM (pspec)
               ? g_enum_get_value (G_PARAM_SPEC_ENUM (pspec)->enum_class, value) : NULL;
      if (role != NULL && g_str_equal (role->value_nick, "check"))
        g_object_set (widget, "accessible-role", GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX, NULL);
      else if (role != NULL && g_str_equal (role->value_nick, "radio"))
        g_object_set (widget, "accessible-role", GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO, NULL);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    give_menu_items_roles (child);
}

static void
create_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  g_autoptr(GMenuModel) menu = g_object_ref (user_data);

  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
  gtk_menu_button_set_menu_model (button, menu);
  give_menu_items_roles (GTK_WIDGET (gtk_menu_button_get_popover (button)));
}

void
fascia_ui_bind_deferred_menu (GtkWidgetClass *widget_class,
                              const char     *button_id,
                              const char     *menu_id)
{
  gtk_widget_class_bind_template_child_full (widget_class, button_id, FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, menu_id, FALSE, 0);
}

void
fascia_ui_defer_menu (GtkWidget  *widget,
                      GType       widget_type,
                      const char *button_id,
                      const char *menu_id)
{
  GObject *button = gtk_widget_get_template_child (widget, widget_type, button_id);
  GObject *menu = gtk_widget_get_template_child (widget, widget_type, menu_id);

  g_return_if_fail (GTK_IS_MENU_BUTTON (button) && G_IS_MENU_MODEL (menu));

  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_menu_cb,
                                         g_object_ref (menu), g_object_unref);
}

/**
 * fascia_ui_date_row_init:
 * @row: an entry row that holds a date
 *
 * Makes @row a date field: it takes a date typed in the locale's order, as ISO or with the
 * month as a word, or picked from a calendar in a popover beside it; it shows the date
 * the one way dates are shown; and what is not a date stays in it, marked, with a message.
 * Read it with fascia_ui_date_row_get_date(), fill it with fascia_ui_date_row_set_date().
 */
void
fascia_ui_date_row_init (FasciaEntryRow *row)
{
  GtkWidget *button = gtk_menu_button_new ();
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_autofree char *label = NULL;

  g_return_if_fail (FASCIA_IS_ENTRY_ROW (row));

  add_check (row, check_date, G_CALLBACK (date_finished_cb));

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_calendar_cb, row,
                                         NULL);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Pick from a Calendar"));
  /* Translators: the button beside a date field, e.g. “Pick the date of birth from a calendar” */
  label = g_strdup_printf (_("Pick “%s” from a calendar"), title != NULL ? title : "");
  set_name (button, label);
  fascia_entry_row_add_suffix (row, button);
}

static char *
check_required_date (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*stripped == '\0')
    return g_strdup (_("A date is needed here, so the empty field is not saved. Type one, or "
                       "pick it from the calendar."));

  return check_date (text);
}

/**
 * fascia_ui_date_row_set_required:
 * @row: a date field made by fascia_ui_date_row_init()
 *
 * Makes @row one that cannot be left empty (a visit's date): emptied, it is marked as
 * holding something that is not saved, as it is when it holds no date.
 */
void
fascia_ui_date_row_set_required (FasciaEntryRow *row)
{
  g_return_if_fail (FASCIA_IS_ENTRY_ROW (row));

  g_object_set_data (G_OBJECT (row), FIELD_CHECK_KEY, check_required_date);
}

/**
 * fascia_ui_date_row_set_date:
 * @iso: (nullable): the date as stored, YYYY-MM-DD, or "" for none
 *
 * Shows @iso in @row and clears any mark left from another record.
 */
void
fascia_ui_date_row_set_date (FasciaEntryRow *row,
                             const char     *iso)
{
  g_autofree char *shown = fascia_ui_format_stored_date (iso);

  g_return_if_fail (FASCIA_IS_ENTRY_ROW (row));

  gtk_editable_set_text (GTK_EDITABLE (row), shown);
  fascia_ui_field_set_error (GTK_WIDGET (row), NULL);
}

/**
 * fascia_ui_date_row_get_date:
 * @iso: (out) (transfer full): the date to store, YYYY-MM-DD, or "" for none
 *
 * Returns: whether @row holds a date or nothing; if not, @iso is untouched and whatever it
 *   held before is what stays saved
 */
gboolean
fascia_ui_date_row_get_date (FasciaEntryRow  *row,
                             char           **iso)
{
  const char *text;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (FASCIA_IS_ENTRY_ROW (row), FALSE);
  g_return_val_if_fail (iso != NULL, FALSE);

  text = gtk_editable_get_text (GTK_EDITABLE (row));
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    {
      *iso = g_strdup ("");
      return TRUE;
    }

  date = fascia_ui_parse_date (stripped);
  if (date == NULL)
    return FALSE;

  *iso = fascia_ui_format_iso_date (date);
  return TRUE;
}

gboolean
fascia_ui_is_email_or_empty (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  return *stripped == '\0' || fascia_client_is_email (text);
}

static char *
check_email (const char *text)
{
  if (fascia_ui_is_email_or_empty (text))
    return NULL;

  return g_strdup (_("Not an email address, not saved. It needs an @ with a name before it and "
                     "a domain after it, and no spaces."));
}

/**
 * fascia_ui_email_row_init:
 * @row: an entry row that holds an email address
 *
 * What is not an email address stays in @row, marked with a message once it is left;
 * callers save only what fascia_ui_is_email_or_empty() accepts.
 */
void
fascia_ui_email_row_init (FasciaEntryRow *row)
{
  g_return_if_fail (FASCIA_IS_ENTRY_ROW (row));

  add_check (row, check_email, G_CALLBACK (field_finished_cb));
}

static void
stop_sliding (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* Not GTK_REVEALER_TRANSITION_TYPE_NONE: GTK 4.8's revealer without a transition asks
       * for its child's whole height even while hidden, and a folded row kept the height of
       * its open rows, blank. */
      if (GTK_IS_REVEALER (child))
        gtk_revealer_set_transition_duration (GTK_REVEALER (child), 0);
      else
        stop_sliding (child);
    }
}

/**
 * fascia_ui_expander_row_open_at_once:
 * @row: an #AdwExpanderRow
 *
 * @row opens and folds at once, not over a quarter of a second. AdwExpanderRow (libadwaita 1.2
 * has no setting for it) reveals its rows through a sliding GtkRevealer whose height changes
 * every frame, and every frame of it laid out and repainted the whole form column below the
 * row (~250 ms of frames each time a visit's pain mark or a plan's target opened or folded).
 * The slide takes no time: the first frame shows the row open, or folded to its header.
 */
void
fascia_ui_expander_row_open_at_once (AdwExpanderRow *row)
{
  g_return_if_fail (ADW_IS_EXPANDER_ROW (row));

  stop_sliding (GTK_WIDGET (row));
}

/**
 * fascia_ui_expander_row_set_title:
 * @row: an #AdwExpanderRow
 * @title: plain text, never markup (a muscle's name, a pain mark's place)
 *
 * Gives @row its title, and names the row itself by it for screen readers. AdwExpanderRow
 * (libadwaita 1.2) gives its title to the header row it holds inside, not to itself: the row
 * of the list that a screen reader comes to first, around that header, was read with no
 * name (a plan's targets, a visit's pain marks).
 */
void
fascia_ui_expander_row_set_title (AdwExpanderRow *row,
                                  const char     *title)
{
  g_return_if_fail (ADW_IS_EXPANDER_ROW (row));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

/**
 * fascia_ui_spin_button_ignore_wheel:
 * @spin: a spin button in a form that scrolls
 *
 * The mouse wheel over @spin scrolls the form, and leaves its number as it is. A GtkSpinButton
 * takes the wheel for itself: scrolling a plan with the pointer crossing an exercise's
 * repetitions changed them, and the change was saved, unseen. The number still changes by
 * typing, by its buttons and by Up and Down. Its own scroll controller goes (GTK adds one
 * only, for the wheel), so that the wheel reaches the scrolled window around it.
 */
void
fascia_ui_spin_button_ignore_wheel (GtkSpinButton *spin)
{
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GPtrArray) wheel = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (spin));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      GtkEventController *controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        g_ptr_array_add (wheel, controller);
      else
        g_object_unref (controller);
    }
  for (guint i = 0; i < wheel->len; i++)
    gtk_widget_remove_controller (GTK_WIDGET (spin), wheel->pdata[i]);
}

/**
 * fascia_ui_get_atlas:
 *
 * Safe to call from any thread: the window's check of a record's atlas ids calls it from the
 * workers that import records (fascia-window.c's atlas_has_id()). A caller that comes while
 * another loads the atlas waits for it.
 *
 * Returns: (transfer none) (nullable): the built-in atlas, or %NULL if it failed to load
 *   (which the content tests rule out; the failure is logged once).
 */
FasciaAtlas *
fascia_ui_get_atlas (void)
{
  static FasciaAtlas *atlas;
  static gsize tried;

  if (g_once_init_enter (&tried))
    {
      g_autoptr(GError) error = NULL;

      atlas = fascia_atlas_get_default (&error);
      if (atlas == NULL)
        g_critical ("The built-in atlas did not load: %s", error->message);
      g_once_init_leave (&tried, 1);
    }

  return atlas;
}

/**
 * fascia_ui_show_view:
 * @view: a diagram view of the clients or study pages
 * @view_id: "anterior", "lateral", …
 *
 * Loads @view_id from the built-in atlas into @view, with the atlas that names its
 * regions for tooltips and screen readers. A view that cannot be loaded is reported on
 * the window and leaves @view as it was.
 *
 * Returns: whether @view now shows @view_id
 */
gboolean
fascia_ui_show_view (FasciaDiagramView *view,
                     const char        *view_id)
{
  FasciaAtlas *atlas = fascia_ui_get_atlas ();
  g_autoptr(FasciaDiagram) diagram = NULL;
  g_autoptr(GError) error = NULL;

  if (atlas == NULL || view_id == NULL)
    return FALSE;

  diagram = fascia_diagram_new_for_view (atlas, view_id, &error);
  if (diagram == NULL)
    {
      fascia_ui_show_error (GTK_WIDGET (view), _("Could not show the diagram"), error);
      return FALSE;
    }

  fascia_diagram_view_set_atlas (view, atlas);
  fascia_diagram_view_set_diagram (view, diagram);
  return TRUE;
}

/**
 * fascia_ui_label_size_for:
 * @pixels: how tall the labels must be on screen, in logical pixels
 * @zoom: logical pixels per view unit
 *
 * Returns: the label size (fascia_diagram_set_label_size()) that keeps labels at least
 *   @pixels tall at @zoom; 0 where the drawing's own size is already larger.
 */
double
fascia_ui_label_size_for (double pixels,
                          double zoom)
{
  double size;

  if (zoom <= 0)
    return 0;
  /* In whole view units, so that a zoom by a few percent draws the labels again only when
   * their size really changes. */
  size = ceil (pixels / zoom);
  return size <= FASCIA_DIAGRAM_LABEL_SIZE ? 0 : size;
}

/**
 * fascia_ui_set_label_room:
 * @diagram: (nullable): a diagram @view shows or will show, or %NULL for the one it shows
 *
 * Lets @diagram's enlarged labels lie anywhere @view shows around the drawing when the whole
 * figure is in sight: a long name that would leave the drawing's edge still shows in the room
 * a wide window leaves beside it.
 */
void
fascia_ui_set_label_room (FasciaDiagramView *view,
                          FasciaDiagram     *diagram)
{
  double x, y, width, height;

  if (diagram == NULL)
    diagram = fascia_diagram_view_get_diagram (view);
  if (diagram == NULL)
    return;
  if (fascia_diagram_view_get_fitted_area (view, diagram, &x, &y, &width, &height))
    fascia_diagram_set_label_room (diagram, x, y, width, height);
  else
    fascia_diagram_set_label_room (diagram, 0, 0, 0, 0);
}

/**
 * fascia_ui_update_label_size:
 * @pixels: how tall the labels must be on screen, in logical pixels
 *
 * Sets the label size of @view's diagram so that, at the view's zoom, its labels are at least
 * @pixels tall; the drawing's own size where that is already larger. Labels may lie in the
 * room around the drawing (fascia_ui_set_label_room()).
 */
void
fascia_ui_update_label_size (FasciaDiagramView *view,
                             double             pixels)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (view);
  guint64 serial;

  if (diagram == NULL)
    return;
  serial = fascia_diagram_get_style_serial (diagram);
  fascia_ui_set_label_room (view, diagram);
  fascia_diagram_set_label_size (diagram,
                                 fascia_ui_label_size_for (pixels,
                                                           fascia_diagram_view_get_zoom (view)));
  /* Set on the diagram itself: the view must draw it again. */
  if (fascia_diagram_get_style_serial (diagram) != serial)
    fascia_diagram_view_styles_changed (view);
}

static void
readable_labels_cb (FasciaDiagramView *view)
{
  fascia_ui_update_label_size (view, FASCIA_UI_READABLE_LABEL_PX);
}

/**
 * fascia_ui_keep_labels_readable:
 *
 * Keeps @view's labels at least FASCIA_UI_READABLE_LABEL_PX tall on screen whatever diagram
 * it shows and however it is zoomed: for the small diagrams of the plan and visit editors.
 */
void
fascia_ui_keep_labels_readable (FasciaDiagramView *view)
{
  g_signal_connect (view, "notify::zoom", G_CALLBACK (readable_labels_cb), NULL);
  g_signal_connect (view, "notify::diagram", G_CALLBACK (readable_labels_cb), NULL);
  g_signal_connect (view, "resized", G_CALLBACK (readable_labels_cb), NULL);
  readable_labels_cb (view);
}

/* The zoom buttons over an editor's diagram show while the pointer moves over it, as an image
 * viewer's do, and fade ZOOM_BUTTONS_SHOWN_MS after it stops (at once when it leaves), so
 * that they do not cover the labels in the corner of a drawing no one is pointing at. */
#define ZOOM_BUTTONS_SHOWN_MS 2000
#define ZOOM_BUTTONS_LEFT_MS   300

typedef struct
{
  GtkRevealer *revealer;      /* owned */
  guint        hide_id;
  gboolean     over_buttons;
} ZoomButtons;

static void
zoom_buttons_free (gpointer data)
{
  ZoomButtons *zoom = data;

  g_clear_handle_id (&zoom->hide_id, g_source_remove);
  g_clear_object (&zoom->revealer);
  g_free (zoom);
}

static gboolean
hide_zoom_buttons_cb (gpointer data)
{
  ZoomButtons *zoom = data;

  zoom->hide_id = 0;
  if (!zoom->over_buttons)
    gtk_revealer_set_reveal_child (zoom->revealer, FALSE);
  return G_SOURCE_REMOVE;
}

static void
hide_zoom_buttons_after (ZoomButtons *zoom,
                         guint        milliseconds)
{
  g_clear_handle_id (&zoom->hide_id, g_source_remove);
  zoom->hide_id = g_timeout_add (milliseconds, hide_zoom_buttons_cb, zoom);
}

static void
zoom_area_motion_cb (GtkEventControllerMotion *motion,
                     double                    x,
                     double                    y,
                     ZoomButtons              *zoom)
{
  gtk_revealer_set_reveal_child (zoom->revealer, TRUE);
  hide_zoom_buttons_after (zoom, ZOOM_BUTTONS_SHOWN_MS);
}

static void
zoom_area_leave_cb (GtkEventControllerMotion *motion,
                    ZoomButtons              *zoom)
{
  zoom->over_buttons = FALSE;
  hide_zoom_buttons_after (zoom, ZOOM_BUTTONS_LEFT_MS);
}

static void
zoom_buttons_enter_cb (GtkEventControllerMotion *motion,
                       double                    x,
                       double                    y,
                       ZoomButtons              *zoom)
{
  zoom->over_buttons = TRUE;
}

static void
zoom_buttons_leave_cb (GtkEventControllerMotion *motion,
                       ZoomButtons              *zoom)
{
  zoom->over_buttons = FALSE;
}

static void
zoom_button_clicked_cb (GtkButton         *button,
                        FasciaDiagramView *view)
{
  gtk_widget_activate_action (GTK_WIDGET (view),
                              g_object_get_data (G_OBJECT (button), "fascia-zoom-action"), NULL);
}

/**
 * fascia_ui_add_zoom_buttons:
 * @view: the diagram of a plan or visit editor or of the Study page, the child of a
 *   #GtkOverlay
 *
 * Puts zoom out, fit and zoom in buttons over @view's bottom right corner, as an image
 * viewer has them, shown while the pointer moves over the drawing: an editor's diagram is
 * small beside its form (the body in a visit is ~150 px wide at 1280x800) and had no zoom a
 * user could see (Ctrl+scroll, a pinch, or +, − and 0 with the drawing focused). The keys on
 * the drawing do the same, so the buttons take no Tab stop of their own; they have accessible
 * names, and their tooltips give the keys.
 */
void
fascia_ui_add_zoom_buttons (FasciaDiagramView *view)
{
  static const struct {
    const char *icon;
    const char *action;
    const char *name;
    const char *tooltip;
  } buttons[] = {
    { "zoom-out-symbolic", "diagram.zoom-out", N_("Zoom Out"), N_("Zoom Out (−)") },
    { "zoom-fit-best-symbolic", "diagram.zoom-fit", N_("Fit to Pane"), N_("Fit to Pane (0)") },
    { "zoom-in-symbolic", "diagram.zoom-in", N_("Zoom In"), N_("Zoom In (+)") },
  };
  GtkWidget *overlay = gtk_widget_get_parent (GTK_WIDGET (view));
  GtkEventController *motion;
  ZoomButtons *zoom;
  GtkWidget *box, *revealer;

  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (view));
  g_return_if_fail (GTK_IS_OVERLAY (overlay));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = gtk_button_new_from_icon_name (buttons[i].icon);

      gtk_widget_add_css_class (button, "osd");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_set_focusable (button, FALSE);
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_widget_set_tooltip_text (button, _(buttons[i].tooltip));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(buttons[i].name), -1);
      g_object_set_data (G_OBJECT (button), "fascia-zoom-action", (gpointer) buttons[i].action);
      g_signal_connect (button, "clicked", G_CALLBACK (zoom_button_clicked_cb), view);
      gtk_box_append (GTK_BOX (box), button);
    }

  revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (revealer), GTK_REVEALER_TRANSITION_TYPE_CROSSFADE);
  gtk_revealer_set_child (GTK_REVEALER (revealer), box);
  gtk_widget_set_halign (revealer, GTK_ALIGN_END);
  gtk_widget_set_valign (revealer, GTK_ALIGN_END);
  gtk_widget_set_margin_end (revealer, 6);
  gtk_widget_set_margin_bottom (revealer, 6);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), revealer);

  /* Held by the overlay, whose controllers use it until they go with it. */
  zoom = g_new0 (ZoomButtons, 1);
  zoom->revealer = GTK_REVEALER (g_object_ref (revealer));
  g_object_set_data_full (G_OBJECT (overlay), "fascia-zoom-buttons", zoom, zoom_buttons_free);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (zoom_area_motion_cb), zoom);
  g_signal_connect (motion, "leave", G_CALLBACK (zoom_area_leave_cb), zoom);
  gtk_widget_add_controller (overlay, motion);
  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (zoom_buttons_enter_cb), zoom);
  g_signal_connect (motion, "leave", G_CALLBACK (zoom_buttons_leave_cb), zoom);
  gtk_widget_add_controller (box, motion);
}

/* An editor's form, beside its diagram, when the editor first shows: 40 % of the width, at
 * most 560 px; the diagram takes the rest, and what the window gains or loses later. */
#define EDITOR_FORM_SHARE 0.4
#define EDITOR_FORM_MAX_PX 560

static void
editor_paned_placed_cb (GtkPaned   *paned,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  GtkWidget *form = gtk_paned_get_end_child (paned);
  int max_position = 0, form_min = 0, total, form_width;

  g_object_get (paned, "max-position", &max_position, NULL);
  if (max_position <= 0 || form == NULL)
    return;

  /* Laid out for the first time: the form cannot shrink below its minimum, so the paned's
   * width is the furthest the divider can go plus that minimum. */
  gtk_widget_measure (form, GTK_ORIENTATION_HORIZONTAL, -1, &form_min, NULL, NULL, NULL);
  total = max_position + form_min;
  form_width = MIN (EDITOR_FORM_SHARE * total, EDITOR_FORM_MAX_PX);
  gtk_paned_set_position (paned, max_position - MAX (0, form_width - form_min));
  g_signal_handlers_disconnect_by_func (paned, editor_paned_placed_cb, user_data);
}

/**
 * fascia_ui_place_editor_paned:
 *
 * Places the divider between an editor's diagram (start) and its form (end) when the editor
 * is first laid out, for the width it has then: on a large screen the form no longer
 * stretched its rows over 2,000 px beside a diagram held at 520. Later changes of the
 * window's width go to the diagram; the divider never moves by itself otherwise, nor when
 * the form's content changes.
 */
void
fascia_ui_place_editor_paned (GtkPaned *paned)
{
  gtk_paned_set_resize_start_child (paned, TRUE);
  gtk_paned_set_resize_end_child (paned, FALSE);
  g_signal_connect (paned, "notify::max-position", G_CALLBACK (editor_paned_placed_cb), NULL);
}

void
fascia_ui_fill_view_dropdown (GtkDropDown *dropdown,
                              const char  *selected_view_id)
{
  FasciaAtlas *atlas = fascia_ui_get_atlas ();
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  GListModel *views;
  guint selected = 0;

  if (atlas == NULL)
    return;

  views = fascia_atlas_get_views (atlas);
  for (guint i = 0; i < g_list_model_get_n_items (views); i++)
    {
      g_autoptr(FasciaView) view = g_list_model_get_item (views, i);

      gtk_string_list_append (titles, fascia_view_get_title (view));
      if (g_strcmp0 (fascia_view_get_id (view), selected_view_id) == 0)
        selected = i;
    }

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (titles));
  gtk_drop_down_set_selected (dropdown, selected);
}

const char *
fascia_ui_get_dropdown_view (GtkDropDown *dropdown)
{
  FasciaAtlas *atlas = fascia_ui_get_atlas ();
  g_autoptr(FasciaView) view = NULL;
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (atlas == NULL || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  view = g_list_model_get_item (fascia_atlas_get_views (atlas), selected);
  return view != NULL ? fascia_view_get_id (view) : NULL;
}

/* The muscle a region shows: its own, or the one a trigger point or referral zone belongs
 * to. Landmarks name no muscle. */
gboolean
fascia_ui_region_muscle (FasciaDiagram  *diagram,
                         const char     *region_id,
                         const char    **muscle_id,
                         FasciaSide     *side)
{
  const FasciaRegion *region;

  if (diagram == NULL || region_id == NULL)
    return FALSE;

  region = fascia_diagram_lookup_region (diagram, region_id);
  if (region == NULL || region->kind == FASCIA_REGION_LANDMARK)
    return FALSE;

  *muscle_id = region->atlas_id;
  *side = region->side;
  return TRUE;
}

char *
fascia_ui_region_id_for (const char *muscle_id,
                         FasciaSide  side)
{
  switch (side)
    {
    case FASCIA_SIDE_LEFT:
      return g_strdup_printf ("m-%s-l", muscle_id);
    case FASCIA_SIDE_RIGHT:
      return g_strdup_printf ("m-%s-r", muscle_id);
    case FASCIA_SIDE_NONE:
    case FASCIA_SIDE_BOTH:
    default:
      return g_strdup_printf ("m-%s", muscle_id);
    }
}

char *
fascia_ui_muscle_name (const char *muscle_id,
                       FasciaSide  side)
{
  FasciaAtlas *atlas = fascia_ui_get_atlas ();
  FasciaMuscle *muscle = atlas != NULL ? fascia_atlas_lookup_muscle (atlas, muscle_id) : NULL;

  if (muscle == NULL)
    return g_strdup (muscle_id);

  return fascia_muscle_get_display_name (muscle, side);
}

/* Screen readers */

#define NAMED_KEY "fascia-accessible-name"

/* "Zoom In (+)" → "Zoom In": the key is said by the description (the tooltip) already. */
static char *
name_from_tooltip (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);
  const char *paren;

  if (tooltip == NULL || *tooltip == '\0')
    return NULL;

  paren = g_strrstr (tooltip, " (");
  if (paren != NULL && g_str_has_suffix (tooltip, ")") && paren > tooltip)
    return g_strndup (tooltip, paren - tooltip);
  return g_strdup (tooltip);
}

static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] == '_')
        p++;
      else if (*p == '_')
        continue;
      g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

static void
set_name (GtkWidget  *widget,
          const char *name)
{
  g_object_set_data_full (G_OBJECT (widget), NAMED_KEY, g_strdup (name), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

/* A drop-down's button says what it chooses and what is chosen: “Diagram View: Front”. */
static void
dropdown_selected_cb (GtkDropDown *dropdown)
{
  const char *name = g_object_get_data (G_OBJECT (dropdown), NAMED_KEY);
  GObject *item = gtk_drop_down_get_selected_item (dropdown);
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (dropdown));
  g_autofree char *full = NULL;

  if (name == NULL || !GTK_IS_TOGGLE_BUTTON (button))
    return;

  if (GTK_IS_STRING_OBJECT (item))
    full = g_strdup_printf ("%s: %s", name, gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  full != NULL ? full : name, -1);
}

/* A name given where the widget is built. (GTK 4.8 itself labels a button by its child, which
 * names an icon button "GtkImage": a relation is no sign of a name.) */
static gboolean
has_own_name (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* What a list inside a chooser (a drop-down's or a combo row's pop-up) is called. */
static const char *
chooser_name (GtkWidget *widget)
{
  for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL; up = gtk_widget_get_parent (up))
    {
      if (GTK_IS_DROP_DOWN (up))
        return g_object_get_data (G_OBJECT (up), NAMED_KEY);
      if (ADW_IS_PREFERENCES_ROW (up))
        return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (up));
    }
  return NULL;
}

static void keep_one_name (GtkWidget *widget);
static void add_shortcut_group_titles (GtkWidget *widget,
                                       GString   *titles);

/* A page's tab under a section of the shortcuts window, which GTK numbers ("1", "2", "3"
 * for pages it titles "_1", "_2", "_3"), is read with what its page holds: "Page 1: General,
 * Pages, Clients". %NULL for any other button. */
static char *
shortcut_page_tab_name (GtkWidget *button)
{
  GtkWidget *switcher = gtk_widget_get_parent (button);
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));
  GtkStack *stack;

  if (!GTK_IS_STACK_SWITCHER (switcher) || !GTK_IS_LABEL (label))
    return NULL;
  stack = gtk_stack_switcher_get_stack (GTK_STACK_SWITCHER (switcher));
  if (stack == NULL || !GTK_IS_SHORTCUTS_SECTION (gtk_widget_get_parent (GTK_WIDGET (stack))))
    return NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStackPage *page = gtk_stack_get_page (stack, child);
      g_autoptr(GString) titles = g_string_new (NULL);
      g_autofree char *number = NULL;

      if (page == NULL
          || g_strcmp0 (gtk_stack_page_get_title (page), gtk_label_get_label (GTK_LABEL (label))) != 0)
        continue;
      add_shortcut_group_titles (child, titles);
      number = strip_mnemonic (gtk_label_get_label (GTK_LABEL (label)));
      /* Translators: a page of the shortcuts window, its number and the groups of
       * shortcuts on it, “Page 1: General, Pages, Clients” */
      return g_strdup_printf (_("Page %s: %s"), number, titles->str);
    }
  return NULL;
}

/* A preferences window's own list, in a group without a title or a name, holds what its
 * search finds: it is built with the window and stays out of sight, never mapped, until a
 * search. */
static void
name_search_results (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *group = gtk_widget_get_ancestor (child, ADW_TYPE_PREFERENCES_GROUP);
      const char *title = group != NULL ? adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group))
                                        : NULL;

      if (GTK_IS_LIST_BOX (child) && !has_own_name (child) && (title == NULL || *title == '\0')
          && (group == NULL || !has_own_name (group)))
        set_name (child, _("Search Results"));
      else
        name_search_results (child);
    }
}

/* An icon button built by GTK or Adwaita inside one of their windows (the shortcuts window's
 * search) has neither a tooltip nor a name: it is named for what its icon means. */
static char *
name_from_icon (GtkWidget *child)
{
  static const struct { const char *icon; const char *name; } icons[] = {
    { "edit-find-symbolic", N_("Search") },
    { "window-close-symbolic", N_("Close") },
    { "go-previous-symbolic", N_("Back") },
    { "open-menu-symbolic", N_("Main Menu") },
  };
  const char *icon;

  if (!GTK_IS_IMAGE (child))
    return NULL;
  icon = gtk_image_get_icon_name (GTK_IMAGE (child));
  for (guint i = 0; icon != NULL && i < G_N_ELEMENTS (icons); i++)
    if (g_str_equal (icon, icons[i].icon))
      return g_strdup (_(icons[i].name));
  return NULL;
}

static void
name_widget (GtkWidget *widget)
{
  GType type = G_OBJECT_TYPE (widget);
  g_autofree char *name = NULL;
  const char *given = g_object_get_data (G_OBJECT (widget), NAMED_KEY);

  if (given != NULL && type != GTK_TYPE_MENU_BUTTON)
    return;

  if (type == GTK_TYPE_BUTTON || type == GTK_TYPE_TOGGLE_BUTTON)
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));

      /* A mnemonic: GTK 4.8 reads "_New Client New Client". A stack switcher's tab holds a
       * label of its own and is named by the raw title ("_Details"). */
      if (label != NULL && *label != '\0')
        {
          if (gtk_button_get_use_underline (GTK_BUTTON (widget)))
            name = strip_mnemonic (label);
        }
      else if (GTK_IS_LABEL (child) && gtk_label_get_use_underline (GTK_LABEL (child)))
        name = shortcut_page_tab_name (widget)
               ?: strip_mnemonic (gtk_label_get_label (GTK_LABEL (child)));
      /* An icon named where it is built keeps that name ("Back to the client list"). */
      else if (has_own_name (widget))
        g_object_set_data_full (G_OBJECT (widget), NAMED_KEY, g_strdup (""), g_free);
      /* Any other icon: its tooltip names it, or failing that its icon. */
      else
        {
          name = name_from_tooltip (widget);
          if (name == NULL)
            name = name_from_icon (child);
        }
      /* The About window's version is a button that holds a label of its own making. */
      if (name == NULL && GTK_IS_LABEL (child) && !has_own_name (widget)
          && gtk_widget_get_ancestor (widget, ADW_TYPE_ABOUT_WINDOW) != NULL
          && *gtk_label_get_text (GTK_LABEL (child)) != '\0')
        name = g_strdup (gtk_label_get_text (GTK_LABEL (child)));
      /* A search bar's own close button has neither. */
      if (name == NULL && label == NULL && gtk_widget_get_ancestor (widget, GTK_TYPE_SEARCH_BAR) != NULL
          && !has_own_name (widget))
        {
          GtkWidget *bar = gtk_widget_get_ancestor (widget, GTK_TYPE_SEARCH_BAR);
          GtkWidget *content = gtk_search_bar_get_child (GTK_SEARCH_BAR (bar));

          if (content == NULL || !gtk_widget_is_ancestor (widget, content))
            name = g_strdup (_("Close Search"));
        }
      if (name != NULL)
        set_name (widget, name);
    }
  else if (type == GTK_TYPE_MENU_BUTTON)
    {
      const char *label = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));
      GtkWidget *button = gtk_widget_get_first_child (widget);

      if (given != NULL)
        name = g_strdup (given);
      else if (label != NULL && *label != '\0')
        name = strip_mnemonic (label);
      else
        name = name_from_tooltip (widget);
      /* The shortcuts window's choice of section shows a label of its own making, still
       * empty when it is first shown. */
      if (name == NULL && gtk_widget_get_ancestor (widget, GTK_TYPE_SHORTCUTS_WINDOW) != NULL)
        name = g_strdup (_("Sections"));
      if (name != NULL)
        {
          set_name (widget, name);
          if (GTK_IS_TOGGLE_BUTTON (button))
            {
              set_name (button, name);
              keep_one_name (button);
            }
        }
    }
  else if (type == GTK_TYPE_DROP_DOWN)
    {
      GtkWidget *button = gtk_widget_get_first_child (widget);

      /* The drop-down keeps a name given where it is built; its button says the name and
       * what is chosen, or at least the drop-down's name. */
      name = name_from_tooltip (widget);
      if (name != NULL)
        {
          if (has_own_name (widget))
            g_object_set_data_full (G_OBJECT (widget), NAMED_KEY, g_strdup (name), g_free);
          else
            set_name (widget, name);
          g_signal_connect (widget, "notify::selected", G_CALLBACK (dropdown_selected_cb), NULL);
          dropdown_selected_cb (GTK_DROP_DOWN (widget));
        }
      else if (has_own_name (widget) && button != NULL)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY, widget, NULL, -1);
    }
  else if (type == GTK_TYPE_LIST_BOX || type == GTK_TYPE_LIST_VIEW)
    {
      /* A list in a preferences group is named by the group's title; a chooser's list by the
       * chooser. */
      GtkWidget *group = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP);
      const char *title = NULL;

      if (has_own_name (widget))
        return;
      if (type == GTK_TYPE_LIST_VIEW)
        title = chooser_name (widget);
      else if (group != NULL)
        title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group));
      if (title != NULL && *title != '\0')
        set_name (widget, title);
      else if (gtk_widget_get_ancestor (widget, ADW_TYPE_ABOUT_WINDOW) != NULL)
        {
          /* The About window's lists have no titles: each is called by what it holds
           * ("Credits, Legal"). */
          g_autoptr(GString) rows = g_string_new (NULL);

          for (GtkWidget *row = gtk_widget_get_first_child (widget); row != NULL;
               row = gtk_widget_get_next_sibling (row))
            if (ADW_IS_PREFERENCES_ROW (row) && gtk_widget_get_visible (row))
              {
                const char *title_text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
                g_autofree char *row_title = NULL;

                if (title_text == NULL || *title_text == '\0')
                  continue;
                row_title = adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row))
                            ? strip_mnemonic (title_text) : g_strdup (title_text);
                if (rows->len > 0)
                  g_string_append (rows, ", ");
                g_string_append (rows, row_title);
              }
          if (rows->len > 0)
            set_name (widget, rows->str);
        }
      else if (group != NULL && has_own_name (group))
        gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY, group, NULL, -1);
    }
  else if (type == GTK_TYPE_LABEL)
    {
      /* A label not given its text yet (a card's title before a muscle is chosen) is read by
       * nothing, not "GtkLabel": its text names it from when it is set. */
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if ((text == NULL || *text == '\0') && !has_own_name (widget))
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                        -1);
    }
  else if (ADW_IS_PREFERENCES_WINDOW (widget))
    name_search_results (widget);
  else if (type == GTK_TYPE_SEARCH_ENTRY)
    {
      /* A search GTK or Adwaita builds (the preferences and shortcuts windows') is named by
       * what it asks for. */
      g_autofree char *placeholder = NULL;

      if (has_own_name (widget))
        return;
      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      set_name (widget, placeholder != NULL && *placeholder != '\0' ? placeholder : _("Search"));
    }
  else if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkListItemWidget") && !has_own_name (widget))
    {
      /* A row of a list GTK or Adwaita builds (a combo row's choice) says its label. */
      GtkWidget *label = NULL;

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL && label == NULL;
           child = gtk_widget_get_first_child (child))
        for (GtkWidget *sibling = child; sibling != NULL && label == NULL;
             sibling = gtk_widget_get_next_sibling (sibling))
          if (GTK_IS_LABEL (sibling))
            label = sibling;
      if (label != NULL)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
    }
  else if (GTK_IS_STACK (widget))
    {
      /* A page is read by its title, without the mnemonic ("_Plans"). */
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          GtkStackPage *page = gtk_stack_get_page (GTK_STACK (widget), child);
          const char *title = page != NULL ? gtk_stack_page_get_title (page) : NULL;

          if (title != NULL && gtk_stack_page_get_use_underline (page))
            {
              g_autofree char *plain = strip_mnemonic (title);

              gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              plain, -1);
            }
        }
    }
}

/* Whether @widget lies inside one of @n types, GTK's or Adwaita's own composite widgets. */
static gboolean
inside_any (GtkWidget   *widget,
            const GType *types,
            guint        n)
{
  for (guint i = 0; i < n; i++)
    if (gtk_widget_get_ancestor (widget, types[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* What an accelerator such as "<Control>f <Control>k" says: "Ctrl+F, Ctrl+K". */
static char *
accelerator_words (const char *accelerator)
{
  g_auto(GStrv) parts = g_strsplit (accelerator, " ", -1);
  g_autoptr(GString) words = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint key = 0;
      GdkModifierType mods = 0;
      g_autofree char *label = NULL;

      if (*parts[i] == '\0')
        continue;
      if (gtk_accelerator_parse (parts[i], &key, &mods))
        label = gtk_accelerator_get_label (key, mods);
      if (words->len > 0)
        g_string_append (words, ", ");
      g_string_append (words, label != NULL && *label != '\0' ? label : parts[i]);
    }
  return g_string_free (g_steal_pointer (&words), FALSE);
}

/* The text of the first label styled as a title under @widget. */
static const char *
title_label_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "title"))
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = title_label_text (child);

      if (text != NULL)
        return text;
    }
  return NULL;
}

/* The title in the header bar of the page @widget is on: the header bar's title widget, a
 * label or a window title. */
static const char *
page_title (GtkWidget *widget)
{
  for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL && !GTK_IS_WINDOW (up);
       up = gtk_widget_get_parent (up))
    for (GtkWidget *child = gtk_widget_get_first_child (up); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (ADW_IS_HEADER_BAR (child) || GTK_IS_HEADER_BAR (child))
        {
          GtkWidget *title = ADW_IS_HEADER_BAR (child)
                             ? adw_header_bar_get_title_widget (ADW_HEADER_BAR (child))
                             : gtk_header_bar_get_title_widget (GTK_HEADER_BAR (child));

          if (GTK_IS_LABEL (title))
            return gtk_label_get_text (GTK_LABEL (title));
          if (ADW_IS_WINDOW_TITLE (title))
            return adw_window_title_get_title (ADW_WINDOW_TITLE (title));
          return title_label_text (child);
        }
  return NULL;
}

/* The titles of the shortcut groups under @widget, joined: "General, Pages, Clients". */
static void
add_shortcut_group_titles (GtkWidget *widget,
                           GString   *titles)
{
  if (GTK_IS_SHORTCUTS_GROUP (widget))
    {
      g_autofree char *title = NULL;

      g_object_get (widget, "title", &title, NULL);
      if (title != NULL && *title != '\0')
        {
          if (titles->len > 0)
            g_string_append (titles, ", ");
          g_string_append (titles, title);
        }
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    add_shortcut_group_titles (child, titles);
}

/* A section of the shortcuts window lays its groups out on pages that GTK titles "_1", "_2"
 * for its page switcher, and a screen reader read those: each page is called by the titles
 * of the groups it holds ("General, Pages, Clients"). */
static void
name_shortcut_pages (GtkStack *stack)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStackPage *page = gtk_stack_get_page (stack, child);
      g_autoptr(GString) titles = g_string_new (NULL);

      if (page == NULL)
        continue;
      add_shortcut_group_titles (child, titles);
      gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      titles->str, -1);
    }
}

/* Whether @widget lies inside a part of a private GTK type called @type_name. */
static gboolean
inside_private (GtkWidget  *widget,
                const char *type_name)
{
  for (GtkWidget *up = widget; up != NULL; up = gtk_widget_get_parent (up))
    if (g_str_equal (G_OBJECT_TYPE_NAME (up), type_name))
      return TRUE;
  return FALSE;
}

/* The first label inside @widget, depth first. */
static GtkWidget *
first_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = GTK_IS_LABEL (child) ? child : first_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

/* The name of the icon inside @widget, if it shows one. */
static const char *
icon_inside (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *icon = NULL;

      if (GTK_IS_IMAGE (child))
        {
          GIcon *gicon = gtk_image_get_gicon (GTK_IMAGE (child));

          icon = gtk_image_get_icon_name (GTK_IMAGE (child));
          if (icon == NULL && G_IS_THEMED_ICON (gicon))
            icon = g_themed_icon_get_names (G_THEMED_ICON (gicon))[0];
        }
      else
        icon = icon_inside (child);
      if (icon != NULL)
        return icon;
    }
  return NULL;
}

/* The file chooser GTK builds for Import, Export, Back Up and Restore (where no desktop
 * portal stands in for it) reads its parts by their code names in GTK 4.8: "GtkPlacesSidebar",
 * "GtkListBox", "GtkPathBar", "GtkTreeView", its folder buttons "GtkToggleButton", their
 * scroll arrows "GtkImage". Here each is called what it is: the places and their list
 * "Places", each place by its label, the path "Folder Path" and each of its folders by its
 * label or what its icon stands for, the list of files "Files". What only holds or places other
 * parts is read as nothing; a spinner or an icon beside a name is left out. (The rows of its
 * list of files GTK 4.8 gives no screen reader at all; typing a location, Ctrl+L, reaches any
 * file.) Returns whether @widget was such a part. */
static gboolean
name_file_chooser_part (GtkWidget *widget)
{
  static const struct { const char *icon; const char *name; } folder_icons[] = {
    { "drive-harddisk", N_("File System") },
    { "user-home", N_("Home") },
    { "user-desktop", N_("Desktop") },
    { "pan-start", N_("Scroll Path Left") },
    { "pan-end", N_("Scroll Path Right") },
  };
  const char *type_name = G_OBJECT_TYPE_NAME (widget);
  const char *name = NULL;

  if (gtk_widget_get_ancestor (widget, GTK_TYPE_FILE_CHOOSER_WIDGET) == NULL)
    return FALSE;

  if (GTK_IS_FILE_CHOOSER_WIDGET (widget) || GTK_IS_PANED (widget)
      || g_str_equal (type_name, "GtkPlacesView"))
    name = "";
  else if (g_str_equal (type_name, "GtkPlacesSidebar"))
    name = _("Places");
  else if (GTK_IS_LIST_BOX (widget))
    name = inside_private (widget, "GtkPlacesSidebar") ? _("Places") : _("Other Locations");
  else if (g_str_equal (type_name, "GtkPathBar"))
    name = _("Folder Path");
  else if (GTK_IS_TREE_VIEW (widget))
    {
      /* Its column headings are buttons that sort by what they are titled. */
      for (guint i = 0; i < gtk_tree_view_get_n_columns (GTK_TREE_VIEW (widget)); i++)
        {
          GtkTreeViewColumn *column = gtk_tree_view_get_column (GTK_TREE_VIEW (widget), (int) i);
          GtkWidget *button = gtk_tree_view_column_get_button (column);
          const char *title = gtk_tree_view_column_get_title (column);

          if (button != NULL && title != NULL && *title != '\0')
            {
              set_name (button, title);
              fascia_ui_name_tree (button);   /* its sort arrow, too */
            }
        }
      name = _("Files");
    }
  else if (GTK_IS_MENU_BUTTON (widget))
    {
      /* The servers connected to before. */
      set_name (widget, _("Recent Servers"));
      if (GTK_IS_TOGGLE_BUTTON (gtk_widget_get_first_child (widget)))
        set_name (gtk_widget_get_first_child (widget), _("Recent Servers"));
      return TRUE;
    }
  else if (GTK_IS_SPINNER (widget))
    {
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      return TRUE;
    }
  else if (GTK_IS_LIST_BOX_ROW (widget) || (GTK_IS_BUTTON (widget) && inside_private (widget, "GtkPathBar")))
    {
      GtkWidget *label = first_label (widget);
      const char *icon = icon_inside (widget);

      if (label != NULL && *gtk_label_get_text (GTK_LABEL (label)) != '\0')
        name = gtk_label_get_text (GTK_LABEL (label));
      for (guint i = 0; name == NULL && icon != NULL && i < G_N_ELEMENTS (folder_icons); i++)
        if (g_str_has_prefix (icon, folder_icons[i].icon))
          name = _(folder_icons[i].name);
      if (name == NULL)
        return FALSE;
      set_name (widget, name);
      return TRUE;
    }
  else
    return FALSE;

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return TRUE;
}

#define LEFT_OUT_KEY "fascia-left-out"

static gboolean
leave_image_out_cb (gpointer data)
{
  GtkWidget *image = data;

  if (gtk_widget_get_visible (image))
    gtk_accessible_update_state (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  return G_SOURCE_REMOVE;
}

static void
image_shown_cb (GtkWidget  *image,
                GParamSpec *pspec,
                gpointer    user_data)
{
  if (gtk_widget_get_visible (image))
    g_idle_add_full (G_PRIORITY_HIGH, leave_image_out_cb, g_object_ref (image), g_object_unref);
}

/* An image a toolkit's row shows and hides (an entry row's pencil, hidden while the row is
 * edited) is left out again each time it is shown: GTK 4.8 puts a widget back in what a
 * screen reader reads once it has shown it, after anything said as it is mapped, and the pencil
 * was read as "GtkImage" after each edit. */
static void
keep_image_left_out (GtkWidget *image)
{
  if (g_object_get_data (G_OBJECT (image), LEFT_OUT_KEY) != NULL)
    return;
  g_object_set_data (G_OBJECT (image), LEFT_OUT_KEY, GINT_TO_POINTER (TRUE));
  g_signal_connect (image, "notify::visible", G_CALLBACK (image_shown_cb), NULL);
}

/* GTK 4.8 reads a part with no name of its own by its class name, but for a few roles of
 * groupings; GTK and Adwaita leave their own widgets' insides so. What means something is
 * named (a page switcher is "Pages", a shortcut's keys read as keys); what only holds or
 * places other parts (a squeezer, the gizmos of a header bar or an entry row, a scroll bar's
 * inside, the pages inside a drop-down's button) is read as nothing; what is only drawn (an
 * entry row's pencil, a combo row's arrow, a page switcher's icon, a drop-down's arrow, a
 * pane split's handle) is left out. The role of these parts is their makers': a name, or
 * leaving the part out, is what can still be given once they are built. */
static void
quiet_toolkit_part (GtkWidget *widget)
{
  /* Types private to GTK and Adwaita, known by their names only. */
  const char *type_name = G_OBJECT_TYPE_NAME (widget);
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (has_own_name (widget) || name_file_chooser_part (widget))
    return;

  if (g_str_equal (type_name, "AdwIndicatorBin") || g_str_equal (type_name, "GtkBuiltinIcon")
      || g_str_equal (type_name, "GtkPanedHandle"))
    {
      /* Left out; and where a screen reader already holds it (a list's sort arrow, in the
       * tree before it is first shown), read as nothing. */
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
    }
  else if (g_str_equal (type_name, "AdwGizmo")
           || ADW_IS_SQUEEZER (widget) || ADW_IS_WINDOW_TITLE (widget) || GTK_IS_ACTION_BAR (widget)
           || ADW_IS_CLAMP_SCROLLABLE (widget)
           || ADW_IS_LEAFLET (widget) || ADW_IS_VIEW_SWITCHER_TITLE (widget)
           || ADW_IS_VIEW_SWITCHER_BAR (widget)
           || (GTK_IS_SCROLLBAR (widget) && GTK_IS_SCROLLED_WINDOW (parent))
           || (g_str_equal (type_name, "GtkRange") && GTK_IS_SCROLLBAR (parent)))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  else if (g_str_equal (type_name, "AdwToastWidget"))
    {
      /* A toast is read as what it says. */
      GtkWidget *label = first_label (widget);

      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : "",
                                      -1);
    }
  else if (ADW_IS_BIN (widget) && parent != NULL
           && g_str_equal (G_OBJECT_TYPE_NAME (parent), "AdwToastWidget"))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  else if (g_str_equal (type_name, "GtkPopoverContent"))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  else if (GTK_IS_POPOVER (widget))
    {
      /* A menu is called what its button is ("Main Menu", "View"). */
      GtkWidget *button = gtk_widget_get_ancestor (widget, GTK_TYPE_MENU_BUTTON);
      const char *name = button != NULL ? g_object_get_data (G_OBJECT (button), NAMED_KEY) : NULL;

      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name != NULL ? name : "", -1);
    }
  else if (ADW_IS_VIEW_SWITCHER (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Pages"), -1);
  else if (GTK_IS_STACK_SWITCHER (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_SHORTCUTS_WINDOW))
    /* The tabs of a section's pages (shortcut_page_tab_name()). */
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Pages"), -1);
  else if (GTK_IS_SHORTCUT_LABEL (widget))
    {
      const char *accelerator = gtk_shortcut_label_get_accelerator (GTK_SHORTCUT_LABEL (widget));
      g_autofree char *words = accelerator_words (accelerator != NULL ? accelerator : "");

      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      words, -1);
    }
  else if (GTK_IS_IMAGE (widget))
    {
      const GType makers[] = { ADW_TYPE_PREFERENCES_ROW, ADW_TYPE_VIEW_SWITCHER,
                               GTK_TYPE_SHORTCUTS_WINDOW, ADW_TYPE_PREFERENCES_WINDOW,
                               ADW_TYPE_ABOUT_WINDOW, GTK_TYPE_FILE_CHOOSER_WIDGET };

      if (inside_any (widget, makers, G_N_ELEMENTS (makers)))
        {
          gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                                       -1);
          keep_image_left_out (widget);
        }
    }
  else if (GTK_IS_TEXT_VIEW (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_ABOUT_WINDOW))
    {
      /* The About window's texts (what is new, the debugging information) are called by
       * their page's title. */
      const char *title = page_title (widget);

      if (title != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        title, -1);
    }
  else if (GTK_IS_STACK (widget) && GTK_IS_SHORTCUTS_SECTION (parent))
    name_shortcut_pages (GTK_STACK (widget));
  else if (GTK_IS_STACK (widget))
    {
      const GType makers[] = { GTK_TYPE_DROP_DOWN, ADW_TYPE_VIEW_SWITCHER,
                               GTK_TYPE_SHORTCUTS_WINDOW, ADW_TYPE_PREFERENCES_WINDOW,
                               GTK_TYPE_POPOVER_MENU, ADW_TYPE_ABOUT_WINDOW, GTK_TYPE_CALENDAR,
                               GTK_TYPE_FILE_CHOOSER_WIDGET };

      if ((parent != NULL && g_str_equal (G_OBJECT_TYPE_NAME (parent), "AdwViewSwitcherButton"))
          || inside_any (widget, makers, G_N_ELEMENTS (makers)))
        for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
             child = gtk_widget_get_next_sibling (child))
          {
            GtkStackPage *page = gtk_stack_get_page (GTK_STACK (widget), child);

            if (page != NULL && gtk_stack_page_get_title (page) == NULL
                && !gtk_test_accessible_has_property (GTK_ACCESSIBLE (page),
                                                      GTK_ACCESSIBLE_PROPERTY_LABEL))
              gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "", -1);
          }
    }
}

/* GTK 4.8 reads a widget's name as its label property followed by the names of what labels
 * it: a button that holds a label, a switch that a row activates, a menu button's own
 * button — each named here too — were read twice ("New Plan New Plan"). A name of its own
 * is what it is called; the relation goes. */
static void
keep_one_name (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) &&
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

#define DESCRIBED_KEY "fascia-described-by-subtitle"
enum { DESCRIBED_WATCHED = 1, DESCRIBED_SET };

/* Adwaita 1.2 gives a row's subtitle to no screen reader: a search result was read as
 * "Psoas and iliacus release", without "Technique"; a plan as its title, without "Active ·
 * from 17 Nov 2026". The subtitle is the row's description, as long as it has one (a row that
 * lays its text out itself has none, and describes itself: fascia-height-for-width-layout.c). */
static void
describe_by_subtitle (GtkWidget *row)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

  if (subtitle != NULL && *subtitle != '\0')
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      subtitle, -1);
      g_object_set_data (G_OBJECT (row), DESCRIBED_KEY, GINT_TO_POINTER (DESCRIBED_SET));
    }
  else if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), DESCRIBED_KEY)) == DESCRIBED_SET)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      g_object_set_data (G_OBJECT (row), DESCRIBED_KEY, GINT_TO_POINTER (DESCRIBED_WATCHED));
    }
}

static void
subtitle_changed_cb (GObject    *row,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  describe_by_subtitle (GTK_WIDGET (row));
}

static void
describe_row (GtkWidget *widget)
{
  if (!ADW_IS_ACTION_ROW (widget))
    return;
  if (g_object_get_data (G_OBJECT (widget), DESCRIBED_KEY) == NULL)
    {
      g_object_set_data (G_OBJECT (widget), DESCRIBED_KEY, GINT_TO_POINTER (DESCRIBED_WATCHED));
      g_signal_connect (widget, "notify::subtitle", G_CALLBACK (subtitle_changed_cb), NULL);
    }
  describe_by_subtitle (widget);
}

/**
 * fascia_ui_name_tree:
 *
 * Names @widget and everything under it, shown or not, by the rules of
 * fascia_ui_name_controls(): for a part built while another is shown.
 */
void
fascia_ui_name_tree (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  name_widget (widget);
  keep_one_name (widget);
  quiet_toolkit_part (widget);
  describe_row (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    fascia_ui_name_tree (child);
}

static gboolean
list_tab_cb (GtkEventControllerKey *key,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             gpointer               user_data)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (key));
  GtkWidget *parent = gtk_widget_get_parent (list);
  GtkDirectionType direction;
  GtkRoot *root;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;

  direction = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0
                ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  if (GTK_IS_SCROLLED_WINDOW (parent))
    {
      /* What Ctrl+Tab does in a scrolled window: the focus goes on from it as a whole. */
      g_signal_emit_by_name (parent, "move-focus-out", direction);
      return TRUE;
    }

  /* A list laid out whole in a page: the window moves the focus on with the list out of
   * its reach for the moment. */
  root = gtk_widget_get_root (list);
  if (!GTK_IS_WINDOW (root))
    return FALSE;
  g_object_ref (list);
  gtk_widget_set_can_focus (list, FALSE);
  g_signal_emit_by_name (root, "move-focus", direction);
  gtk_widget_set_can_focus (list, TRUE);
  g_object_unref (list);
  return TRUE;
}

/**
 * fascia_ui_list_one_tab_stop:
 * @list: a list view, the child of a scrolled window, or a list box
 *
 * Makes @list one Tab stop, as a list is for a screen reader and in every toolkit's list
 * box pattern: Tab and Shift+Tab leave it from any row, the arrow keys move between rows,
 * and Tab back into it returns to the row last focused. GTK 4.8's list view and list box
 * take Tab to the next row, so that leaving a list of 100,000 clients took as many presses
 * (GTK 4.12 has the list view's "tab-behavior" property for it). For long lists: a boxed
 * list of a few settings keeps GNOME's Tab from row to row.
 */
void
fascia_ui_list_one_tab_stop (GtkWidget *list)
{
  GtkEventController *key;

  g_return_if_fail (GTK_IS_LIST_VIEW (list) || GTK_IS_LIST_BOX (list));

  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (list_tab_cb), NULL);
  gtk_widget_add_controller (list, key);
}

/**
 * fascia_ui_flow_box_only_lays_out:
 * @flow: a flow box whose parts are all in
 *
 * For a flow box that only lays its parts out in lines: the children it wraps around each
 * part take neither the focus (the parts do) nor a place of their own in what a screen
 * reader reads, where GTK 4.8 read each as a table cell called "GtkFlowBoxChild". Called
 * once its parts are in, before it is first shown.
 */
void
fascia_ui_flow_box_only_lays_out (GtkFlowBox *flow)
{
  g_return_if_fail (GTK_IS_FLOW_BOX (flow));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (flow)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_set_focusable (child, FALSE);
      g_object_set (child, "accessible-role", GTK_ACCESSIBLE_ROLE_GENERIC, NULL);
    }
}

static gboolean
name_on_map_cb (GSignalInvocationHint *hint,
                guint                  n_params,
                const GValue          *params,
                gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&params[0]);

  name_widget (widget);
  keep_one_name (widget);
  quiet_toolkit_part (widget);
  describe_row (widget);

  /* What a stack, a revealer or a folded leaflet keeps unmapped is in the accessibility
   * tree all the same: it is named now, with what is shown. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!gtk_widget_get_child_visible (child) || !gtk_widget_get_visible (child))
      fascia_ui_name_tree (child);

  return TRUE;
}

/**
 * fascia_ui_name_controls:
 *
 * GTK 4.8 names an icon button after its image ("GtkImage"), a drop-down after its class
 * ("GtkToggleButton"), and a button with a mnemonic twice with the underscore. From now on,
 * every button, menu button and drop-down without a name of its own is named, when it is
 * first shown, by its tooltip (less the shortcut, which the tooltip, read as the description,
 * still says) or its label without the mnemonic; a drop-down's button also says what is
 * chosen; a list in a preferences group is named by the group's title; a row is described by
 * its subtitle. A widget named with
 * gtk_accessible_update_property() in code keeps that name only if it is set after mapping,
 * so code that names a control sets the name through this same rule: a tooltip.
 */
void
fascia_ui_name_controls (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      /* The signal exists once the class does. */
      g_type_class_unref (g_type_class_ref (GTK_TYPE_WIDGET));
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, name_on_map_cb,
                                  NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}

/**
 * fascia_ui_client_name:
 * @client: a client
 * @hide: whether names are hidden (the hide-client-names setting)
 *
 * What the window shows of @client's name: the name, "Unnamed Client" for none, or while
 * a client may see the screen, the initials alone ("T. O. S.").
 *
 * Returns: (transfer full): the text to show
 */
char *
fascia_ui_client_name (FasciaClient *client,
                       gboolean      hide)
{
  const char *name;

  g_return_val_if_fail (FASCIA_IS_CLIENT (client), NULL);

  name = fascia_client_get_name (client);
  if (name == NULL || *name == '\0')
    return g_strdup (_("Unnamed Client"));
  if (hide)
    return fascia_client_format_initials (name);

  return g_strdup (name);
}

/**
 * fascia_ui_names_hidden:
 *
 * Returns: whether the privacy switch is on (the hide-client-names setting); %FALSE where the
 * settings schema is not installed (the command line run from a build folder).
 */
gboolean
fascia_ui_names_hidden (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return FALSE;

  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_boolean (settings, "hide-client-names");
}

/**
 * fascia_ui_client_file_name:
 * @client: (nullable): a client
 * @hide: whether names are hidden (fascia_ui_names_hidden())
 *
 * Who a file offered in a file chooser is about, for its name: the client's name, or while
 * a client may see the screen, the client's number ("client 12"): a file name stays in the
 * folder and in the recent files, so not even initials. Never a folder separator.
 *
 * Returns: (transfer full): the text for the file name
 */
char *
fascia_ui_client_file_name (FasciaClient *client,
                            gboolean      hide)
{
  const char *name = client != NULL ? fascia_client_get_name (client) : NULL;
  char *text;

  if (client != NULL && (hide || name == NULL || *name == '\0'))
    /* Translators: who a file is about when names are hidden, e.g. "Handout for client 12.pdf" */
    text = g_strdup_printf (_("client %" G_GINT64_FORMAT), fascia_client_get_id (client));
  else
    text = g_strdup (name != NULL ? name : "");

  return g_strdelimit (text, "/\\:", '-');
}

/* Work done ahead in idle time: one thread of its own, at a lower priority than the window's
 * threads (a nice value of its own; Linux gives each thread one), so that what it does never
 * takes a core the window needs to answer input. */

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} BackgroundJob;

/* The jobs pushed and not yet done, so that the application can let them end before the
 * process does (fascia_ui_wait_for_background()). */
static GMutex background_lock;
static GCond  background_cond;
static guint  background_pending;

static void
background_run (gpointer data,
                gpointer user_data)
{
  BackgroundJob *job = data;
  GTask *task = job->task;
  static gsize niced = 0;

#ifdef __linux__
  if (g_once_init_enter (&niced))
    {
      /* The pool's one thread: only it is made nicer. Failing leaves it as it was. */
      (void) setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
      g_once_init_leave (&niced, 1);
    }
#endif

  if (!g_task_return_error_if_cancelled (task))
    job->func (task, g_task_get_source_object (task), g_task_get_task_data (task),
               g_task_get_cancellable (task));
  g_object_unref (task);
  g_free (job);

  g_mutex_lock (&background_lock);
  background_pending--;
  g_cond_broadcast (&background_cond);
  g_mutex_unlock (&background_lock);
}

/**
 * fascia_ui_wait_for_background:
 * @timeout_ms: the longest to wait
 *
 * Waits until the work pushed by fascia_ui_run_in_background() is done (a view parsed or
 * drawn ahead takes a fraction of a second), or @timeout_ms pass: the process does not end
 * while that thread is still inside librsvg, whose libraries end with it.
 *
 * Returns: whether every job is done
 */
gboolean
fascia_ui_wait_for_background (guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;
  gboolean done;

  g_mutex_lock (&background_lock);
  while (background_pending > 0 && g_cond_wait_until (&background_cond, &background_lock, end))
    ;
  done = background_pending == 0;
  g_mutex_unlock (&background_lock);
  return done;
}

/**
 * fascia_ui_run_in_background:
 *
 * Runs @func for @task, as g_task_run_in_thread() does, in the one thread kept for work done
 * ahead of need (rendering and parsing views not shown yet), at a low priority; jobs run one
 * after the other. @func returns the task's result as it would in g_task_run_in_thread().
 */
void
fascia_ui_run_in_background (GTask           *task,
                             GTaskThreadFunc  func)
{
  static GThreadPool *pool = NULL;
  BackgroundJob *job;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (background_run, NULL, 1, TRUE, NULL));

  job = g_new (BackgroundJob, 1);
  job->task = g_object_ref (task);
  job->func = func;
  g_mutex_lock (&background_lock);
  background_pending++;
  g_mutex_unlock (&background_lock);
  g_thread_pool_push (pool, job, NULL);
}

/* After the window is laid out again, GDK makes a motion event of its own in the next frame,
 * for the widget under a pointer that did not move (gdk_surface_request_motion()), with the
 * buttons the X server holds down at that moment. On a busy machine the server may hold the
 * button up already while the release is still on its way to GTK: a single-button gesture
 * (any button's click, a diagram's click and drag) takes that motion for a button let go
 * elsewhere and drops the press, and the release that follows answers nothing: a click is
 * lost when the window was laid out between its press and its release. While the primary
 * button is down, such a motion, made by GDK (no time) and saying no button is down, is not
 * passed on: the release comes next, and a real motion always carries the button. Anything
 * that says the button is up (a release, a real motion or a crossing without it, a broken
 * grab) ends the watch, so hover is never held back for longer than one made-up motion. */
static gboolean
stale_motion_cb (GtkEventControllerLegacy *legacy,
                 GdkEvent                 *event,
                 gboolean                 *pressed)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
      if (gdk_button_event_get_button (event) == GDK_BUTTON_PRIMARY)
        *pressed = TRUE;
      return FALSE;
    case GDK_BUTTON_RELEASE:
      if (gdk_button_event_get_button (event) == GDK_BUTTON_PRIMARY)
        *pressed = FALSE;
      return FALSE;
    case GDK_MOTION_NOTIFY:
      if (!*pressed || (gdk_event_get_modifier_state (event) & GDK_BUTTON1_MASK) != 0)
        return FALSE;
      if (gdk_event_get_time (event) == GDK_CURRENT_TIME)
        return TRUE;
      *pressed = FALSE;
      return FALSE;
    case GDK_ENTER_NOTIFY:
    case GDK_LEAVE_NOTIFY:
      if ((gdk_event_get_modifier_state (event) & GDK_BUTTON1_MASK) == 0)
        *pressed = FALSE;
      return FALSE;
    case GDK_GRAB_BROKEN:
    case GDK_TOUCH_CANCEL:
      *pressed = FALSE;
      return FALSE;
    default:
      return FALSE;
    }
}

/**
 * fascia_ui_keep_clicks_over_layout:
 * @toplevel: a window
 *
 * Keeps a click in @toplevel from being lost when the window is laid out between its press
 * and its release on a busy machine (see stale_motion_cb()). Every window of the application
 * has it (fascia_ui_keep_clicks_in_every_window()); a test's or a benchmark's window of its
 * own is given it with this.
 */
void
fascia_ui_keep_clicks_over_layout (GtkWidget *toplevel)
{
  static GQuark kept;
  GtkEventController *controller;

  if (kept == 0)
    kept = g_quark_from_static_string ("fascia-keeps-clicks-over-layout");
  if (g_object_get_qdata (G_OBJECT (toplevel), kept) != NULL)
    return;
  g_object_set_qdata (G_OBJECT (toplevel), kept, GINT_TO_POINTER (TRUE));

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_data (controller, "event", G_CALLBACK (stale_motion_cb), g_new0 (gboolean, 1),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_widget_add_controller (toplevel, controller);
}

static void
toplevels_changed_cb (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added,
                      gpointer    user_data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      fascia_ui_keep_clicks_over_layout (window);
    }
}

/**
 * fascia_ui_keep_clicks_in_every_window:
 *
 * From now on, every window the process opens keeps its clicks over a layout
 * (fascia_ui_keep_clicks_over_layout()): the main window, and each dialog, confirmation, file
 * chooser, the preferences, about and shortcuts windows, none of which has to remember it.
 */
void
fascia_ui_keep_clicks_in_every_window (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      toplevels_changed_cb (toplevels, 0, 0, g_list_model_get_n_items (toplevels), NULL);
      g_signal_connect (toplevels, "items-changed", G_CALLBACK (toplevels_changed_cb), NULL);
      g_once_init_leave (&done, 1);
    }
}

#define YIELDED_KEY "fascia-tooltip-yielded"

static void
menu_unmap_cb (GtkWidget *menu,
               GtkWidget *button)
{
  if (g_object_get_data (G_OBJECT (button), YIELDED_KEY) != NULL)
    {
      g_object_set_data (G_OBJECT (button), YIELDED_KEY, NULL);
      gtk_widget_set_has_tooltip (button, TRUE);
    }
}

static gboolean
menu_map_cb (GSignalInvocationHint *hint,
             guint                  n_params,
             const GValue          *params,
             gpointer               user_data)
{
  GtkWidget *menu = g_value_get_object (&params[0]);
  GtkWidget *button;

  if (!GTK_IS_POPOVER (menu) || (button = gtk_widget_get_parent (menu)) == NULL
      || !gtk_widget_get_has_tooltip (button))
    return TRUE;

  gtk_widget_set_has_tooltip (button, FALSE);
  g_object_set_data (G_OBJECT (button), YIELDED_KEY, GINT_TO_POINTER (TRUE));
  if (g_object_get_data (G_OBJECT (menu), YIELDED_KEY) == NULL)
    {
      g_object_set_data (G_OBJECT (menu), YIELDED_KEY, GINT_TO_POINTER (TRUE));
      g_signal_connect_object (menu, "unmap", G_CALLBACK (menu_unmap_cb), button, 0);
    }
  return TRUE;
}

/**
 * fascia_ui_quiet_tooltips_over_menus:
 *
 * From now on, a button's tooltip is not shown while the menu or popover it opens is open.
 * GTK 4.8 showed it again as soon as the pointer moved on the button after the click, over
 * the menu's first items ("Export the Client's Records" over "Export Chart…"). It is shown
 * again once the menu has closed. A screen reader still reads the tooltip as the button's
 * description.
 */
void
fascia_ui_quiet_tooltips_over_menus (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_type_class_unref (g_type_class_ref (GTK_TYPE_WIDGET));
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, menu_map_cb,
                                  NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}

/**
 * fascia_ui_label_at:
 * @x: a point of @diagram, in view units
 * @y:
 *
 * Returns: the index of the label shown at the point, or -1 where none is
 */
int
fascia_ui_label_at (FasciaDiagram *diagram,
                    double         x,
                    double         y)
{
  if (!fascia_diagram_get_layer_visible (diagram, "labels"))
    return -1;
  for (guint i = 0; i < fascia_diagram_get_n_labels (diagram); i++)
    {
      double bx, by, bw, bh;

      if (fascia_diagram_get_label_box (diagram, i, &bx, &by, &bw, &bh)
          && x >= bx && y >= by && x <= bx + bw && y <= by + bh)
        return (int) i;
    }
  return -1;
}

/**
 * fascia_ui_labelled_region_at:
 * @x: a point of @diagram, in view units
 * @y:
 * @on_label: (out): whether a label shown lies there
 *
 * What a click on a label means: the region its leader line points at, the muscle or bone it
 * names, on that side. A label lies beside the body, not on it.
 *
 * Returns: (nullable): that region; %NULL where no label is shown there, or its line points
 *   at none (a muscle drawn as an outline seen through a bone: the Atlas opens the card of the
 *   muscle the label names, fascia_diagram_get_label_muscle())
 */
const FasciaRegion *
fascia_ui_labelled_region_at (FasciaDiagram *diagram,
                              double         x,
                              double         y,
                              gboolean      *on_label)
{
  int i = fascia_ui_label_at (diagram, x, y);
  double end_x, end_y;

  *on_label = i >= 0;
  if (i >= 0 && fascia_diagram_get_label_leader (diagram, i, NULL, NULL, &end_x, &end_y, NULL))
    return fascia_diagram_hit_test (diagram, end_x, end_y);
  return NULL;
}

/**
 * fascia_ui_layout_allocate_whole:
 *
 * The allocation of a layout manager that gives each of its widget's children the whole of
 * the widget (FasciaColumnLayout, FasciaHeightForWidthLayout, FasciaListHeightLayout: they
 * differ only in how they measure).
 */
void
fascia_ui_layout_allocate_whole (GtkLayoutManager *manager,
                                 GtkWidget        *widget,
                                 int               width,
                                 int               height,
                                 int               baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_should_layout (child))
        gtk_widget_size_allocate (child, &(GtkAllocation) { 0, 0, width, height }, -1);
    }
}

static gboolean (*check_button_focus) (GtkWidget        *widget,
                                      GtkDirectionType  direction);

/* A check button in a group shows a "radio" indicator, one alone a "check" (GTK 4.8's
 * gtkcheckbutton.c names the indicator's node so). */
static gboolean
check_button_in_group (GtkWidget *button)
{
  GtkWidget *indicator = gtk_widget_get_first_child (button);

  return indicator != NULL && g_strcmp0 (gtk_widget_get_css_name (indicator), "radio") == 0;
}

static gboolean
check_button_focus_cb (GtkWidget        *widget,
                       GtkDirectionType  direction)
{
  /* The focus moves on from a check button alone, as from any control: GTK 4.8 looks for the
   * next button of its group, finds itself, and turns itself on. */
  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD
      && gtk_widget_is_focus (widget) && !check_button_in_group (widget))
    return FALSE;
  return check_button_focus (widget, direction);
}

/**
 * fascia_ui_check_buttons_keep_arrows:
 *
 * From now on, an arrow key on a check button that is not one of a group of radio buttons
 * moves the focus on, as it does from a button, and does not turn the check button on. GTK 4.8
 * takes an arrow key on any check button as a move within its group, and one alone is a group
 * of one that it turns on: walking a visit with the keyboard, Right on a plan target's
 * "Treated" box ticked it, and Up or Down in the list of targets did too, with nothing said.
 * The arrows still go from one radio button to the next in a group and choose it.
 */
void
fascia_ui_check_buttons_keep_arrows (void)
{
  GtkWidgetClass *widget_class = g_type_class_ref (GTK_TYPE_CHECK_BUTTON);

  /* The class is kept for the process's life. */
  if (widget_class->focus == check_button_focus_cb)
    return;
  check_button_focus = widget_class->focus;
  widget_class->focus = check_button_focus_cb;
}
