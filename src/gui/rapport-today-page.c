/* rapport-today-page.c
 *
 * Copyright 2026 The Rapport authors
 *
 * This program is free software: you can redistribute it and/or modify it under the terms of the
 * GNU General Public License as published by the Free Software Foundation, either version 3 of the
 * License, or (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without
 * even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the GNU
 * General Public License for more details.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-today-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-local-time.h"
#include "rapport-reminder-row.h"
#include "rapport-editor-rows.h"
#include "rapport-today-page.h"

#define BIRTHDAY_HORIZON_DAYS 30
#define N_RECENT 5
/* From here on, the end of an assignment matters more than how far into it one is. */
#define ENDING_SOON_DAYS 14
/* Rows a section shows before a "Show More" row: a career holds thousands of reminders, and a
 * page that builds a row for each takes seconds to open and to lay out. */
#define SECTION_LIMIT 10
#define SECTION_STEP 50
/* "Next 7 Days" ends this many midnights after tonight's. */
#define WEEK_DAYS 7

typedef enum
{
  SECTION_OVERDUE,
  SECTION_TODAY,
  SECTION_WEEK,
  SECTION_LATER,
  SECTION_RECONNECT,
  SECTION_BIRTHDAYS,
  N_SECTIONS
} Section;

struct _RapportTodayPage
{
  GtkWidget     parent_instance;

  RapportStore *store;
  GListModel   *colleagues;
  /* The model's items, in order, each with a notify handler: lets a removed item be disconnected. */
  GPtrArray    *items;
  guint         rebuild_id;
  guint         refresh_id;

  gint64        current_assignment_id;
  gboolean      later_expanded;
  /* What each section shows at most, raised by its "Show More" row. */
  guint         limits[N_SECTIONS];

  GtkStack     *stack;
  GtkLabel     *date_label;
  AdwActionRow *assignment_row;
  GtkWidget    *no_assignment_row;
  GtkWidget    *overdue_group;
  GtkListBox   *overdue_list;
  GtkWidget    *today_group;
  GtkListBox   *today_list;
  GtkWidget    *week_group;
  GtkListBox   *week_list;
  GtkWidget    *later_group;
  GtkListBox   *later_list;
  GtkWidget    *reconnect_group;
  GtkListBox   *reconnect_list;
  GtkWidget    *nothing_group;
  GtkWidget    *birthdays_group;
  GtkListBox   *birthdays_list;
  GtkWidget    *recent_group;
  GtkListBox   *recent_list;
};

G_DEFINE_FINAL_TYPE (RapportTodayPage, rapport_today_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  SHOW_COLLEAGUE,
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  RapportColleague *colleague;
  int               days;
} Birthday;

static void rebuild          (RapportTodayPage *self);
static void schedule_refresh (RapportTodayPage *self);

/* "YYYY-MM-DD" or "--MM-DD"; the year does not matter for when the next birthday is. */
static gboolean
parse_birthday (const char *birthday,
                guint      *month,
                guint      *day)
{
  g_autofree char *full = NULL;
  int m, d;

  /* 2000 is a leap year, so a 29 February birthday without a year passes. */
  if (strlen (birthday) == 7 && g_str_has_prefix (birthday, "--"))
    birthday = full = g_strconcat ("2000", birthday + 1, NULL);

  if (!rapport_local_time_parse_date (birthday, NULL, &m, &d))
    return FALSE;

  *month = (guint) m;
  *day = (guint) d;
  return TRUE;
}

static int
days_until_birthday (const GDate *today,
                     guint        month,
                     guint        day)
{
  GDateYear year = g_date_get_year (today);

  for (guint i = 0; i < 2; i++)
    {
      GDateYear y = year + i;
      guint d = day;
      GDate next;
      int days;

      /* Outside leap years, a 29 February birthday is marked on the 28th. */
      if (month == 2 && day == 29 && !g_date_is_leap_year (y))
        d = 28;

      g_date_clear (&next, 1);
      g_date_set_dmy (&next, (GDateDay) d, (GDateMonth) month, y);
      days = g_date_days_between (today, &next);
      if (days >= 0)
        return days;
    }

  g_assert_not_reached ();
  return -1;
}

/* "YYYY-MM-DD" into date; FALSE for anything else, "" included. */
static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int year, month, day;

  g_date_clear (date, 1);

  if (!rapport_local_time_parse_date (text, &year, &month, &day))
    return FALSE;

  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static char *
format_ends_in (int days)
{
  if (days == 0)
    return g_strdup (_("Ends today"));
  if (days == 1)
    return g_strdup (_("Ends tomorrow"));

  return g_strdup_printf (ngettext ("Ends in %d day", "Ends in %d days", days), days);
}

/* How far along the assignment is, counted in its own zone: "Day 3 of 90", "Ends in 5 days". */
static char *
describe_progress (RapportAssignment *assignment,
                   GDateTime         *now)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (rapport_assignment_get_tz (assignment));
  g_autoptr(GDateTime) there = NULL;
  g_autofree char *ends_in = NULL;
  g_autofree char *day_of = NULL;
  gboolean has_start, has_end;
  GDate today, start, end;

  there = g_date_time_to_timezone (now, tz != NULL ? tz : g_date_time_get_timezone (now));
  g_date_clear (&today, 1);
  g_date_set_dmy (&today,
                  (GDateDay) g_date_time_get_day_of_month (there),
                  (GDateMonth) g_date_time_get_month (there),
                  (GDateYear) g_date_time_get_year (there));

  has_start = parse_date (rapport_assignment_get_starts_on (assignment), &start);
  has_end = parse_date (rapport_assignment_get_ends_on (assignment), &end);

  if (has_end)
    {
      int left = g_date_days_between (&today, &end);

      if (left >= 0 && (left <= ENDING_SOON_DAYS || !has_start))
        ends_in = format_ends_in (left);
    }

  if (has_start)
    {
      int day = g_date_days_between (&start, &today) + 1;

      if (has_end)
        {
          int days = g_date_days_between (&start, &end) + 1;

          /* Translators: how far into an assignment today is, e.g. "Day 3 of 90". */
          day_of = g_strdup_printf (ngettext ("Day %d of %d", "Day %d of %d", days), day, days);
        }
      else
        {
          /* Translators: how far into an open-ended assignment today is, e.g. "Day 3". */
          day_of = g_strdup_printf (_("Day %d"), day);
        }
    }

  if (day_of != NULL && ends_in != NULL)
    /* Translators: "Day 80 of 90 · Ends in 10 days". */
    return g_strdup_printf (_("%s · %s"), day_of, ends_in);

  return g_strdup (day_of != NULL ? day_of : ends_in);
}

static void
update_assignment (RapportTodayPage *self,
                   GDateTime        *now)
{
  RapportAssignment *current = NULL;

  if (self->store != NULL)
    current = rapport_store_get_current_assignment (self->store, now);

  self->current_assignment_id = current != NULL ? rapport_assignment_get_id (current) : 0;
  gtk_widget_set_visible (GTK_WIDGET (self->assignment_row), current != NULL);
  gtk_widget_set_visible (self->no_assignment_row, current == NULL);

  if (current != NULL)
    {
      g_autofree char *title = rapport_assignment_dup_title (current);
      g_autofree char *place = rapport_assignment_dup_place (current);
      g_autofree char *progress = describe_progress (current, now);
      g_autofree char *subtitle = NULL;

      if (*place != '\0' && progress != NULL)
        /* Translators: where an assignment is and how far along, e.g. "Denver, CO · Day 3 of 90". */
        subtitle = g_strdup_printf (_("%s · %s"), place, progress);
      else
        subtitle = g_strdup (*place != '\0' ? place : progress);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->assignment_row), title);
      adw_action_row_set_subtitle (self->assignment_row, subtitle != NULL ? subtitle : "");
    }
}

static char *
format_days_until (int days)
{
  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Tomorrow"));

  return g_strdup_printf (ngettext ("In %d day", "In %d days", days), days);
}

static int
compare_birthdays (gconstpointer a,
                   gconstpointer b)
{
  const Birthday *ba = a;
  const Birthday *bb = b;

  if (ba->days != bb->days)
    return ba->days < bb->days ? -1 : 1;

  return g_utf8_collate (rapport_colleague_get_name (ba->colleague),
                         rapport_colleague_get_name (bb->colleague));
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  RapportColleague *ca = *(RapportColleague * const *) a;
  RapportColleague *cb = *(RapportColleague * const *) b;
  gint64 ta = rapport_colleague_get_created_at (ca);
  gint64 tb = rapport_colleague_get_created_at (cb);
  gint64 ia, ib;

  if (ta != tb)
    return ta > tb ? -1 : 1;

  ia = rapport_colleague_get_id (ca);
  ib = rapport_colleague_get_id (cb);

  return ia > ib ? -1 : ia < ib ? 1 : 0;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_row (GtkListBox       *list,
         RapportColleague *colleague,
         const char       *subtitle)
{
  GtkWidget *row;
  gint64 *id;

  row = adw_action_row_new ();
  /* Names are the person's own text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_colleague_get_name (colleague));
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  id = g_new (gint64, 1);
  *id = rapport_colleague_get_id (colleague);
  g_object_set_data_full (G_OBJECT (row), "rapport-colleague-id", id, g_free);

  gtk_list_box_append (list, row);
}

static char *
describe_colleague (RapportColleague *colleague)
{
  const char *role = rapport_colleague_get_role (colleague);
  const char *organization = rapport_colleague_get_organization (colleague);

  if (*role != '\0' && *organization != '\0')
    /* Translators: a colleague's role and where they work, e.g. "RN · Mercy Hospital". */
    return g_strdup_printf (_("%s · %s"), role, organization);

  return g_strdup (*role != '\0' ? role : organization);
}

static void
update_date (RapportTodayPage *self,
             GDateTime        *now)
{
  /* Translators: the Today heading, e.g. "Tuesday, 3 June"; see g_date_time_format() for the
   * codes, and reorder them as your language writes dates. */
  g_autofree char *text = g_date_time_format (now, _("%A, %-d %B"));

  gtk_label_set_text (self->date_label, text);
}


typedef struct
{
  RapportReminder *reminder;
  gint64           at;
} Planned;

static int
compare_planned (gconstpointer a,
                 gconstpointer b)
{
  const Planned *pa = a;
  const Planned *pb = b;
  gint64 ia, ib;

  if (pa->at != pb->at)
    return pa->at < pb->at ? -1 : 1;

  ia = rapport_reminder_get_id (pa->reminder);
  ib = rapport_reminder_get_id (pb->reminder);

  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/* Local midnight, days after today's (1 = tonight's end of day), in Unix seconds. */
static gint64
local_midnight (GDateTime *now,
                int        days)
{
  g_autoptr(GDateTime) later = g_date_time_add_days (now, days);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (later),
                                                         g_date_time_get_month (later),
                                                         g_date_time_get_day_of_month (later),
                                                         0, 0, 0);

  return g_date_time_to_unix (midnight);
}

static void
reminder_toast_cb (RapportTodayPage *self,
                   AdwToast         *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

/* A reminder row in a list: activating it, anywhere but its buttons, opens the reminder. */
static GtkWidget *
new_reminder_item (RapportTodayPage *self,
                   RapportReminder  *reminder)
{
  GtkWidget *item = gtk_list_box_row_new ();
  GtkWidget *row = rapport_reminder_row_new (self->store, reminder);

  g_signal_connect_object (row, "add-toast", G_CALLBACK (reminder_toast_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (item), row);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (item), "win.show-reminder");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (item), "x", rapport_reminder_get_id (reminder));

  return item;
}

/* The last row of a section that has more than it shows. */
static GtkWidget *
new_more_row (Section  section,
              guint    n_more,
              gboolean reminders)
{
  g_autofree char *title = NULL;

  if (reminders)
    title = g_strdup_printf (ngettext ("Show %u More Reminder", "Show %u More Reminders", n_more),
                             n_more);
  else
    title = g_strdup_printf (ngettext ("Show %u More Colleague", "Show %u More Colleagues", n_more),
                             n_more);

  return rapport_editor_rows_new_show_more (title, "today.show-more", section);
}

static void
fill_section (RapportTodayPage *self,
              Section           section,
              GtkWidget        *group,
              GtkListBox       *list,
              GArray           *planned)
{
  guint shown = MIN (planned->len, self->limits[section]);

  for (guint i = 0; i < shown; i++)
    gtk_list_box_append (list, new_reminder_item (self, g_array_index (planned, Planned, i).reminder));
  if (shown < planned->len)
    gtk_list_box_append (list, new_more_row (section, planned->len - shown, TRUE));

  gtk_widget_set_visible (group, planned->len > 0);
}

static void
later_expanded_cb (RapportTodayPage *self,
                   GParamSpec       *pspec,
                   AdwExpanderRow   *row)
{
  self->later_expanded = adw_expander_row_get_expanded (row);
}

/* Far-off reminders wait, folded, under one row. */
static void
fill_later (RapportTodayPage *self,
            GArray           *planned)
{
  g_autofree char *count = NULL;
  GtkWidget *expander;

  guint shown = MIN (planned->len, self->limits[SECTION_LATER]);

  gtk_widget_set_visible (self->later_group, planned->len > 0);
  if (planned->len == 0)
    return;

  expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Later"));
  count = g_strdup_printf (ngettext ("%u reminder", "%u reminders", planned->len), planned->len);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);
  adw_expander_row_set_icon_name (ADW_EXPANDER_ROW (expander), "x-office-calendar-symbolic");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), self->later_expanded);
  g_signal_connect_object (expander, "notify::expanded", G_CALLBACK (later_expanded_cb), self,
                           G_CONNECT_SWAPPED);

  for (guint i = 0; i < shown; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                              new_reminder_item (self, g_array_index (planned, Planned, i).reminder));
  if (shown < planned->len)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                              new_more_row (SECTION_LATER, planned->len - shown, TRUE));

  gtk_list_box_append (self->later_list, expander);
}

/* "Last interaction 6 weeks ago", counted in calendar days. */
static char *
describe_last_interaction (RapportTodayPage *self,
                           RapportColleague *colleague,
                           GDateTime        *now)
{
  gint64 last = rapport_colleague_get_last_interaction_at (colleague);
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) then = NULL;
  GDate then_day, today;
  int days;

  if (last == 0)
    return g_strdup (_("No interaction yet"));

  utc = g_date_time_new_from_unix_utc (last);
  then = utc != NULL ? g_date_time_to_local (utc) : NULL;
  if (then == NULL)
    return g_strdup (_("No interaction yet"));

  g_date_clear (&then_day, 1);
  g_date_clear (&today, 1);
  g_date_set_dmy (&then_day, g_date_time_get_day_of_month (then), g_date_time_get_month (then),
                  g_date_time_get_year (then));
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  days = g_date_days_between (&then_day, &today);

  if (days <= 0)
    return g_strdup (_("Last interaction today"));
  if (days == 1)
    return g_strdup (_("Last interaction yesterday"));
  if (days < 14)
    return g_strdup_printf (ngettext ("Last interaction %d day ago",
                                      "Last interaction %d days ago", days), days);
  if (days < 9 * 7)
    return g_strdup_printf (ngettext ("Last interaction %d week ago",
                                      "Last interaction %d weeks ago", days / 7), days / 7);
  if (days < 2 * 365)
    return g_strdup_printf (ngettext ("Last interaction %d month ago",
                                      "Last interaction %d months ago", days / 30), days / 30);

  return g_strdup_printf (ngettext ("Last interaction %d year ago",
                                    "Last interaction %d years ago", days / 365), days / 365);
}

static GtkWidget *
new_suffix_button (const char *icon_name,
                   const char *tooltip,
                   const char *label,
                   const char *action_name,
                   gint64      id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);

  return button;
}

static guint
fill_reconnect (RapportTodayPage *self,
                GDateTime        *now,
                gint64            end_of_today)
{
  g_autoptr(GPtrArray) due = rapport_store_dup_reconnect_due (self->store, end_of_today - 1);
  guint shown = due != NULL ? MIN (due->len, self->limits[SECTION_RECONNECT]) : 0;

  for (guint i = 0; i < shown; i++)
    {
      RapportColleague *colleague = g_ptr_array_index (due, i);
      const char *name = rapport_colleague_get_name (colleague);
      gint64 id = rapport_colleague_get_id (colleague);
      g_autofree char *subtitle = describe_last_interaction (self, colleague, now);
      g_autofree char *log_label = NULL;
      g_autofree char *plan_label = NULL;
      GtkWidget *row;
      gint64 *data;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

      /* Translators: %s is a colleague's name */
      log_label = g_strdup_printf (_("Log Interaction with %s"), name);
      /* Translators: %s is a colleague's name */
      plan_label = g_strdup_printf (_("Plan Check-In with %s"), name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_suffix_button ("chat-message-new-symbolic",
                                                    _("Log Interaction"), log_label,
                                                    "win.log-interaction", id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_suffix_button ("appointment-new-symbolic",
                                                    _("Plan Check-In"), plan_label,
                                                    "win.add-reminder", id));

      data = g_new (gint64, 1);
      *data = id;
      g_object_set_data_full (G_OBJECT (row), "rapport-colleague-id", data, g_free);

      gtk_list_box_append (self->reconnect_list, row);
    }
  if (due != NULL && shown < due->len)
    gtk_list_box_append (self->reconnect_list,
                         new_more_row (SECTION_RECONNECT, due->len - shown, FALSE));

  gtk_widget_set_visible (self->reconnect_group, due != NULL && due->len > 0);

  return due != NULL ? due->len : 0;
}

/* Overdue, Today, Next 7 Days, Later and Time to Reconnect. */
static void
update_planned (RapportTodayPage *self,
                GDateTime        *now)
{
  g_autoptr(GArray) overdue = g_array_new (FALSE, FALSE, sizeof (Planned));
  g_autoptr(GArray) today = g_array_new (FALSE, FALSE, sizeof (Planned));
  g_autoptr(GArray) week = g_array_new (FALSE, FALSE, sizeof (Planned));
  g_autoptr(GArray) later = g_array_new (FALSE, FALSE, sizeof (Planned));
  gint64 end_of_today = local_midnight (now, 1);
  gint64 end_of_week = local_midnight (now, 1 + WEEK_DAYS);
  gint64 unix_now = g_date_time_to_unix (now);
  GListModel *reminders;
  guint n_reconnect;

  if (self->store == NULL)
    return;

  reminders = rapport_store_get_reminders (self->store);
  for (guint i = 0; i < g_list_model_get_n_items (reminders); i++)
    {
      g_autoptr(RapportReminder) reminder = g_list_model_get_item (reminders, i);
      Planned planned = { reminder, rapport_reminder_get_remind_at (reminder) };

      switch (rapport_reminder_get_state_at (reminder, unix_now))
        {
        case RAPPORT_REMINDER_STATE_DONE:
          continue;

        case RAPPORT_REMINDER_STATE_OVERDUE:
          g_array_append_val (overdue, planned);
          continue;

        case RAPPORT_REMINDER_STATE_UPCOMING:
        case RAPPORT_REMINDER_STATE_SNOOZED:
        default:
          break;
        }

      if (planned.at < end_of_today)
        g_array_append_val (today, planned);
      else if (planned.at < end_of_week)
        g_array_append_val (week, planned);
      else
        g_array_append_val (later, planned);
    }

  /* The store's model holds its own references; the rows take theirs. */
  g_array_sort (overdue, compare_planned);
  g_array_sort (today, compare_planned);
  g_array_sort (week, compare_planned);
  g_array_sort (later, compare_planned);

  fill_section (self, SECTION_OVERDUE, self->overdue_group, self->overdue_list, overdue);
  fill_section (self, SECTION_TODAY, self->today_group, self->today_list, today);
  fill_section (self, SECTION_WEEK, self->week_group, self->week_list, week);
  fill_later (self, later);
  n_reconnect = fill_reconnect (self, now, end_of_today);

  gtk_widget_set_visible (self->nothing_group,
                          overdue->len + today->len + week->len + later->len + n_reconnect == 0);
}

static void
rebuild (RapportTodayPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GArray) birthdays = NULL;
  g_autoptr(GPtrArray) recent = NULL;
  GDate today;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);

  clear_list (self->overdue_list);
  clear_list (self->today_list);
  clear_list (self->week_list);
  clear_list (self->later_list);
  clear_list (self->reconnect_list);
  clear_list (self->birthdays_list);
  clear_list (self->recent_list);

  /* The welcome stays until there is something of one's own: a colleague, an assignment or a
   * reminder. */
  if (self->items->len == 0 &&
      (self->store == NULL ||
       (g_list_model_get_n_items (rapport_store_get_assignments (self->store)) == 0 &&
        g_list_model_get_n_items (rapport_store_get_reminders (self->store)) == 0)))
    {
      self->current_assignment_id = 0;
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  update_date (self, now);
  update_assignment (self, now);
  update_planned (self, now);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));

  birthdays = g_array_new (FALSE, FALSE, sizeof (Birthday));
  recent = g_ptr_array_new ();

  for (guint i = 0; i < self->items->len; i++)
    {
      RapportColleague *colleague = g_ptr_array_index (self->items, i);
      guint month, day;

      if (rapport_colleague_get_archived (colleague))
        continue;

      g_ptr_array_add (recent, colleague);

      if (parse_birthday (rapport_colleague_get_birthday (colleague), &month, &day))
        {
          Birthday birthday = { colleague, days_until_birthday (&today, month, day) };

          if (birthday.days <= BIRTHDAY_HORIZON_DAYS)
            g_array_append_val (birthdays, birthday);
        }
    }

  g_array_sort (birthdays, compare_birthdays);
  for (guint i = 0; i < MIN (birthdays->len, self->limits[SECTION_BIRTHDAYS]); i++)
    {
      const Birthday *birthday = &g_array_index (birthdays, Birthday, i);
      g_autofree char *when = format_days_until (birthday->days);

      add_row (self->birthdays_list, birthday->colleague, when);
    }
  if (birthdays->len > self->limits[SECTION_BIRTHDAYS])
    gtk_list_box_append (self->birthdays_list,
                         new_more_row (SECTION_BIRTHDAYS,
                                       birthdays->len - self->limits[SECTION_BIRTHDAYS], FALSE));
  gtk_widget_set_visible (self->birthdays_group, birthdays->len > 0);

  g_ptr_array_sort (recent, compare_newest_first);
  for (guint i = 0; i < recent->len && i < N_RECENT; i++)
    {
      RapportColleague *colleague = g_ptr_array_index (recent, i);
      g_autofree char *description = describe_colleague (colleague);

      add_row (self->recent_list, colleague, description);
    }
  gtk_widget_set_visible (self->recent_group, recent->len > 0);

  gtk_stack_set_visible_child_name (self->stack, "overview");
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  RapportTodayPage *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  schedule_refresh (self);

  return G_SOURCE_REMOVE;
}

/* Many changes in a row (an import) cost one rebuild. */
static void
queue_rebuild (RapportTodayPage *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle_cb, self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  RapportTodayPage *self = user_data;

  self->refresh_id = 0;
  rebuild (self);
  schedule_refresh (self);

  return G_SOURCE_REMOVE;
}

/* The sections change when a reminder falls due and at midnight ("Tomorrow" becomes "Today"),
 * even when nothing is written: wake up then, and only then. */
static void
schedule_refresh (RapportTodayPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 unix_now = g_date_time_to_unix (now);
  gint64 next = local_midnight (now, 1);

  if (self->store != NULL)
    {
      GListModel *reminders = rapport_store_get_reminders (self->store);

      for (guint i = 0; i < g_list_model_get_n_items (reminders); i++)
        {
          g_autoptr(RapportReminder) reminder = g_list_model_get_item (reminders, i);
          gint64 remind_at = rapport_reminder_get_remind_at (reminder);

          if (remind_at > unix_now && remind_at < next)
            next = remind_at;
        }
    }

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add_seconds ((guint) MAX (next - unix_now, 0) + 1, refresh_cb, self);
}

static void
colleague_notify_cb (RapportTodayPage *self,
                     GParamSpec       *pspec,
                     RapportColleague *colleague)
{
  queue_rebuild (self);
}

static void
store_changed_cb (RapportTodayPage *self,
                  RapportStore     *store)
{
  queue_rebuild (self);
}

static void
forget_item (RapportTodayPage *self,
             RapportColleague *colleague)
{
  g_signal_handlers_disconnect_by_func (colleague, colleague_notify_cb, self);
}

static void
items_changed_cb (RapportTodayPage *self,
                  guint             position,
                  guint             removed,
                  guint             added,
                  GListModel       *model)
{
  for (guint i = 0; i < removed; i++)
    forget_item (self, g_ptr_array_index (self->items, position + i));
  if (removed > 0)
    g_ptr_array_remove_range (self->items, position, removed);

  for (guint i = 0; i < added; i++)
    {
      RapportColleague *colleague = g_list_model_get_item (model, position + i);

      g_signal_connect_swapped (colleague, "notify", G_CALLBACK (colleague_notify_cb), self);
      g_ptr_array_insert (self->items, position + i, colleague);
    }

  queue_rebuild (self);
}

static void
forget_model (RapportTodayPage *self)
{
  if (self->colleagues != NULL)
    g_signal_handlers_disconnect_by_func (self->colleagues, items_changed_cb, self);

  for (guint i = 0; i < self->items->len; i++)
    forget_item (self, g_ptr_array_index (self->items, i));
  g_ptr_array_set_size (self->items, 0);

  g_clear_object (&self->colleagues);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
}

static void
show_more_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (widget);
  guint32 section = g_variant_get_uint32 (parameter);

  if (section >= N_SECTIONS)
    return;

  self->limits[section] += SECTION_STEP;
  rebuild (self);
}

static void
row_activated_cb (RapportTodayPage *self,
                  GtkListBoxRow    *row,
                  GtkListBox       *list)
{
  const gint64 *id = g_object_get_data (G_OBJECT (row), "rapport-colleague-id");

  if (id != NULL)
    g_signal_emit (self, signals[SHOW_COLLEAGUE], 0, *id);
}

static void
assignment_activated_cb (RapportTodayPage *self,
                         GtkListBoxRow    *row,
                         GtkListBox       *list)
{
  if (row != GTK_LIST_BOX_ROW (self->assignment_row) || self->current_assignment_id == 0)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-assignment", "x",
                              self->current_assignment_id);
}

static void
rapport_today_page_dispose (GObject *object)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  forget_model (self);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_TODAY_PAGE);

  G_OBJECT_CLASS (rapport_today_page_parent_class)->dispose (object);
}

static void
rapport_today_page_finalize (GObject *object)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_today_page_parent_class)->finalize (object);
}

static void
rapport_today_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_today_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      rapport_today_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_today_page_class_init (RapportTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_today_page_dispose;
  object_class->finalize = rapport_today_page_finalize;
  object_class->get_property = rapport_today_page_get_property;
  object_class->set_property = rapport_today_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SHOW_COLLEAGUE] =
    g_signal_new ("show-colleague",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, assignment_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, no_assignment_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, overdue_group);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, today_group);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, today_list);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, week_group);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, week_list);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, later_group);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, later_list);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, reconnect_group);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, reconnect_list);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, nothing_group);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, birthdays_group);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, birthdays_list);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, assignment_activated_cb);

  gtk_widget_class_install_action (widget_class, "today.show-more", "u", show_more_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rapport_today_page_init (RapportTodayPage *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < N_SECTIONS; i++)
    self->limits[i] = SECTION_LIMIT;

  gtk_widget_init_template (GTK_WIDGET (self));

  rebuild (self);
  schedule_refresh (self);
}

RapportStore *
rapport_today_page_get_store (RapportTodayPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_TODAY_PAGE (self), NULL);

  return self->store;
}

void
rapport_today_page_set_store (RapportTodayPage *self,
                              RapportStore     *store)
{
  g_return_if_fail (RAPPORT_IS_TODAY_PAGE (self));
  g_return_if_fail (store == NULL || RAPPORT_IS_STORE (store));

  if (self->store == store)
    return;

  forget_model (self);
  g_set_object (&self->store, store);

  if (store != NULL)
    {
      g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
      self->colleagues = g_object_ref (rapport_store_get_colleagues (store));
      g_signal_connect_swapped (self->colleagues, "items-changed",
                                G_CALLBACK (items_changed_cb), self);
      items_changed_cb (self, 0, 0, g_list_model_get_n_items (self->colleagues), self->colleagues);
    }

  rebuild (self);
  schedule_refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}
