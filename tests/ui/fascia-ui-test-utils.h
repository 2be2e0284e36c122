/* fascia-ui-test-utils.h — real input for widget tests, through the X server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fascia-application.h"
#include "fascia-window.h"

G_BEGIN_DECLS

/* The window as a user starts it, on a database file of the test's own. */
FasciaWindow *fascia_ui_test_window_new     (FasciaApplication *app,
                                             const char        *db_path,
                                             int                width,
                                             int                height,
                                             const char        *page);
FasciaWindow *fascia_ui_test_window_new_offline (FasciaApplication *app,
                                                 const char        *db_path,
                                                 int                width,
                                                 int                height,
                                                 const char        *page);
void          fascia_ui_test_window_destroy (FasciaWindow      *window);
/* A screen larger than the test's (which a window opened larger than it is given). */
GdkDisplay   *fascia_ui_test_screen_new     (int                width,
                                             int                height);
void          fascia_ui_test_screen_close   (GdkDisplay        *display);

/* A window on a database in a fresh folder of the test's own: what most window tests set up. */
typedef struct
{
  char         *dir;
  char         *db_path;
  FasciaWindow *window;
} FasciaUiTestSession;

void   fascia_ui_test_session_open  (FasciaUiTestSession *session,
                                     FasciaApplication   *app,
                                     const char          *copy_of,
                                     int                  width,
                                     int                  height,
                                     const char          *page);
void   fascia_ui_test_session_close (FasciaUiTestSession *session);
gint64 fascia_ui_test_query_int     (FasciaUiTestSession *session,
                                     const char          *sql);
char  *fascia_ui_test_query_text    (FasciaUiTestSession *session,
                                     const char          *sql);

/* Reading what the widgets show. */
GtkWidget *fascia_ui_test_child        (gpointer       widget,
                                        GType          type,
                                        const char    *name);
typedef gboolean (*FasciaUiTestWidgetTest) (GtkWidget     *widget,
                                            gconstpointer  data);
GtkWidget *fascia_ui_test_find_widget (GtkWidget              *root,
                                       FasciaUiTestWidgetTest  test,
                                       gconstpointer           data);
GtkWidget *fascia_ui_test_find_type   (GtkWidget              *root,
                                       GType                   type);
GtkWidget *fascia_ui_test_find_action_button (GtkWidget       *root,
                                              const char      *action);
GtkWidget *fascia_ui_test_find_tooltip_button (GtkWidget      *root,
                                               const char     *tooltip);
gboolean   fascia_ui_test_action_target_is   (GtkWidget       *widget,
                                              const char      *target);
guint    fascia_ui_test_count_labels   (GtkWidget     *root,
                                        const char    *text);
char    *fascia_ui_test_buffer_text    (GtkTextBuffer *buffer);
void     fascia_ui_test_set_text       (GtkWidget     *field,
                                        const char    *text);
/* For fascia_test_wait_for(): the diagram view has drawn what it shows now. */
gboolean fascia_ui_test_up_to_date     (gpointer       view);
/* A muscle's label beside the body (on no region) shown in @view (a FasciaDiagramView), its
 * line ending on the muscle: the muscle's region, and the label's middle in @view's
 * coordinates; NULL if none. */
gconstpointer fascia_ui_test_find_muscle_label (gpointer  view,
                                                double   *x,
                                                double   *y);

void     fascia_ui_test_pointer_move   (GtkWidget  *widget,
                                        double      x,
                                        double      y);
void     fascia_ui_test_pointer_move_now (GtkWidget *widget,
                                          double     x,
                                          double     y);
void     fascia_ui_test_click          (GtkWidget  *widget,
                                        double      x,
                                        double      y);
void     fascia_ui_test_click_now      (GtkWidget  *widget,
                                        double      x,
                                        double      y);
void     fascia_ui_test_button_down    (GtkWidget  *widget,
                                        double      x,
                                        double      y);
void     fascia_ui_test_button_up_now  (GtkWidget  *widget);
gboolean fascia_ui_test_click_pressed_on (gpointer   widget);
void     fascia_ui_test_press_and_lay_out (GtkWidget *widget,
                                           double     x,
                                           double     y,
                                           GtkWidget *relayout);
void     fascia_ui_test_release_before_next_frame (GtkWidget *widget);
void     fascia_ui_test_scroll         (GtkWidget  *widget,
                                        double      x,
                                        double      y,
                                        gboolean    up,
                                        gboolean    control);
void     fascia_ui_test_keys           (GtkWidget  *widget,
                                        const char *keys);
void     fascia_ui_test_keys_now       (GtkWidget  *widget,
                                        const char *keys);
void     fascia_ui_test_type           (GtkWidget  *widget,
                                        const char *text);
gboolean fascia_ui_test_wait_idle      (guint       ms);
/* For fascia_test_wait_for(): GTK's tooltip window is shown under @widget (a window). */
gboolean fascia_ui_test_tooltip_shown  (gpointer    widget);

/* What the X server saw drawn into a window, read through the DAMAGE extension on a
 * connection of its own, as a compositor would: the area GTK repainted, not what it meant to. */
typedef struct _FasciaUiTestDamage FasciaUiTestDamage;

FasciaUiTestDamage *fascia_ui_test_damage_new     (GtkWidget          *window);
cairo_region_t     *fascia_ui_test_damage_take    (FasciaUiTestDamage *damage);
void                fascia_ui_test_damage_free    (FasciaUiTestDamage *damage);
void                fascia_ui_test_widget_bounds  (GtkWidget          *widget,
                                                   cairo_rectangle_int_t *rect);

G_END_DECLS
