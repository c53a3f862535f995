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

#include "rapport-activity-chart.h"
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
/* A reminder row takes a millisecond or more to build: rows are built in slices of about this
 * long, between frames, so neither opening Today nor a change to the journal stalls the window.
 * When Today opens, the first slice fills the top of the page before its first frame. */
#define FIRST_SLICE_USEC (12 * G_TIME_SPAN_MILLISECOND)
#define SLICE_USEC (6 * G_TIME_SPAN_MILLISECOND)
/* The chart of journal entries per week, this week last. */
#define ACTIVITY_WEEKS 12
/* Between the date heading and its button, beside or below it. */
#define HEADING_SPACING 12

typedef enum
{
  SECTION_OVERDUE,
  SECTION_TODAY,
  SECTION_WEEK,
  SECTION_LATER,
  SECTION_RECONNECT,
  SECTION_BIRTHDAYS,
  SECTION_RECENT,
  N_SECTIONS
} Section;

typedef enum
{
  ROW_REMINDER,
  ROW_COLLEAGUE,
  ROW_RECONNECT,
} RowKind;

/* One row a section shows. */
typedef struct
{
  gint64    id;
  GObject  *item;      /* the store's RapportReminder or RapportColleague, referenced */
  char     *title;     /* colleague rows only: the name when the entry was made */
  char     *subtitle;  /* colleague rows only */
} Entry;

/* A section keeps its rows between updates: a change rebuilds only the rows whose item is new
 * to the section, and leaves every other section alone. */
typedef struct
{
  RowKind    kind;
  GtkWidget *group;      /* hidden while the section is empty */
  GtkWidget *container;  /* a GtkListBox, or the Later AdwExpanderRow */
  GPtrArray *entries;    /* Entry: what the section shows, in order */
  guint      n_total;    /* all the section holds, shown or behind "Show More" */
  GPtrArray *rows;       /* the row widgets, in order, without the "Show More" row */
  GtkWidget *more_row;
  gboolean   complete;   /* rows match entries */
} SectionView;

struct _RapportTodayPage
{
  GtkWidget     parent_instance;

  RapportStore *store;
  guint         rebuild_id;
  guint         refresh_id;
  guint         fill_id;

  gint64        current_assignment_id;
  /* What each section shows at most, raised by its "Show More" row. */
  guint         limits[N_SECTIONS];
  SectionView   sections[N_SECTIONS];
  /* Set by the clock: rows kept across an update read it again ("Tomorrow" becomes "Today"). */
  gboolean      retime_rows;
  gboolean      built_any;

  GtkStack     *stack;
  GtkWidget    *start_assignment_button;
  GtkWidget    *add_colleague_button;
  GtkLabel     *date_label;
  AdwActionRow *assignment_row;
  GtkWidget    *no_assignment_row;
  GtkWidget    *activity_group;
  RapportActivityChart *activity_chart;
  GtkWidget    *overdue_group;
  GtkListBox   *overdue_list;
  GtkWidget    *today_group;
  GtkListBox   *today_list;
  GtkWidget    *week_group;
  GtkListBox   *week_list;
  GtkWidget    *later_group;
  GtkListBox   *later_list;
  GtkWidget    *later_row;
  GtkWidget    *reconnect_group;
  GtkListBox   *reconnect_list;
  GtkWidget    *nothing_group;
  GtkWidget    *birthdays_group;
  GtkListBox   *birthdays_list;
  GtkWidget    *recent_group;
  GtkListBox   *recent_list;
};

/* The date heading with its "New Reminder" button: beside it while the heading's longest word
 * fits next to the button, below it otherwise (narrow windows, large text), so the date never
 * breaks inside a word. The heading is the first child, the button the last. */
#define RAPPORT_TYPE_TODAY_HEADING (rapport_today_heading_get_type ())
G_DECLARE_FINAL_TYPE (RapportTodayHeading, rapport_today_heading, RAPPORT, TODAY_HEADING, GtkWidget)

struct _RapportTodayHeading
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (RapportTodayPage, rapport_today_page, GTK_TYPE_WIDGET)
G_DEFINE_FINAL_TYPE (RapportTodayHeading, rapport_today_heading, GTK_TYPE_WIDGET)

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

/* Sections are filled top to bottom, folded Later last: what is on screen comes first. */
static const Section fill_order[] = {
  SECTION_OVERDUE, SECTION_TODAY, SECTION_WEEK, SECTION_RECONNECT, SECTION_BIRTHDAYS,
  SECTION_RECENT, SECTION_LATER,
};

typedef struct
{
  RapportColleague *colleague;
  int               days;
} Birthday;

typedef struct
{
  RapportReminder *reminder;
  gint64           at;
} Planned;

static void rebuild          (RapportTodayPage *self,
                              gint64            slice);
static void schedule_fill    (RapportTodayPage *self);

/* The heading's layout ---------------------------------------------------------------------- */

static void
measure_child (GtkWidget      *child,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural)
{
  *minimum = *natural = 0;
  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
}

/* Whether the button goes beside the heading at width, and then the heading's width. */
static gboolean
heading_fits_beside (GtkWidget *widget,
                     int        width,
                     int       *heading_width)
{
  GtkWidget *heading = gtk_widget_get_first_child (widget);
  GtkWidget *button = gtk_widget_get_last_child (widget);
  int heading_min, heading_nat, button_min, button_nat;

  measure_child (heading, GTK_ORIENTATION_HORIZONTAL, -1, &heading_min, &heading_nat);
  measure_child (button, GTK_ORIENTATION_HORIZONTAL, -1, &button_min, &button_nat);
  *heading_width = MAX (width - HEADING_SPACING - button_nat, 0);

  return heading != button && heading_min <= *heading_width;
}

static void
rapport_today_heading_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  GtkWidget *heading = gtk_widget_get_first_child (widget);
  GtkWidget *button = gtk_widget_get_last_child (widget);
  int heading_min, heading_nat, button_min, button_nat;

  if (heading == button)
    button = NULL;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* At the least, one above the other. */
      measure_child (heading, orientation, -1, &heading_min, &heading_nat);
      measure_child (button, orientation, -1, &button_min, &button_nat);
      *minimum = MAX (heading_min, button_min);
      *natural = heading_nat + (button != NULL ? HEADING_SPACING + button_nat : 0);
    }
  else
    {
      int width = for_size;
      int heading_width;

      if (width < 0)
        rapport_today_heading_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &heading_min,
                                       &width, NULL, NULL);

      if (heading_fits_beside (widget, width, &heading_width))
        {
          measure_child (heading, orientation, heading_width, &heading_min, &heading_nat);
          measure_child (button, orientation, -1, &button_min, &button_nat);
          *minimum = MAX (heading_min, button_min);
          *natural = MAX (heading_nat, button_nat);
        }
      else
        {
          measure_child (heading, orientation, width, &heading_min, &heading_nat);
          measure_child (button, orientation, width, &button_min, &button_nat);
          *minimum = heading_min + (button != NULL ? HEADING_SPACING + button_min : 0);
          *natural = heading_nat + (button != NULL ? HEADING_SPACING + button_nat : 0);
        }
    }
}

static void
rapport_today_heading_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  GtkWidget *heading = gtk_widget_get_first_child (widget);
  GtkWidget *button = gtk_widget_get_last_child (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int heading_width, heading_height, unused;

  if (heading == NULL)
    return;

  if (heading == button)
    {
      gtk_widget_allocate (heading, width, height, -1, NULL);
      return;
    }

  if (heading_fits_beside (widget, width, &heading_width))
    {
      int button_x = rtl ? 0 : heading_width + HEADING_SPACING;

      gtk_widget_size_allocate (heading,
                                &(GtkAllocation) { rtl ? width - heading_width : 0, 0,
                                                   heading_width, height },
                                -1);
      gtk_widget_size_allocate (button,
                                &(GtkAllocation) { button_x, 0,
                                                   MAX (width - heading_width - HEADING_SPACING, 0),
                                                   height },
                                -1);
    }
  else
    {
      int button_y;

      measure_child (heading, GTK_ORIENTATION_VERTICAL, width, &heading_height, &unused);
      button_y = heading_height + HEADING_SPACING;
      gtk_widget_size_allocate (heading, &(GtkAllocation) { 0, 0, width, heading_height }, -1);
      gtk_widget_size_allocate (button,
                                &(GtkAllocation) { 0, button_y, width,
                                                   MAX (height - button_y, 0) },
                                -1);
    }
}

static GtkSizeRequestMode
rapport_today_heading_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
rapport_today_heading_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rapport_today_heading_parent_class)->dispose (object);
}

static void
rapport_today_heading_class_init (RapportTodayHeadingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_today_heading_dispose;

  widget_class->measure = rapport_today_heading_measure;
  widget_class->size_allocate = rapport_today_heading_size_allocate;
  widget_class->get_request_mode = rapport_today_heading_get_request_mode;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rapport_today_heading_init (RapportTodayHeading *self)
{
}

/* The page ---------------------------------------------------------------------------------- */

static void
wrap_button_label (GtkWidget *button)
{
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

  if (GTK_IS_LABEL (label))
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
    }
}

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
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->item);
  g_clear_pointer (&entry->title, g_free);
  g_clear_pointer (&entry->subtitle, g_free);
  g_free (entry);
}

static void
add_entry (GPtrArray  *entries,
           gint64      id,
           gpointer    item,
           const char *subtitle)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->id = id;
  entry->item = g_object_ref (item);
  if (RAPPORT_IS_COLLEAGUE (item))
    entry->title = g_strdup (rapport_colleague_get_name (item));
  entry->subtitle = g_strdup (subtitle);
  g_ptr_array_add (entries, entry);
}

static gint64
get_row_id (GtkWidget *row)
{
  const gint64 *id = g_object_get_data (G_OBJECT (row), "rapport-today-id");

  return id != NULL ? *id : 0;
}

static void
set_row_id (GtkWidget  *row,
            const char *key,
            gint64      id)
{
  gint64 *data = g_new (gint64, 1);

  *data = id;
  g_object_set_data_full (G_OBJECT (row), key, data, g_free);
}

static void
reminder_toast_cb (RapportTodayPage *self,
                   AdwToast         *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

/* The list row takes the focus: a screen reader names it for the reminder's title. */
static void
name_reminder_item (GtkWidget       *item,
                    GParamSpec      *pspec,
                    RapportReminder *reminder)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  rapport_reminder_get_title (reminder),
                                  -1);
}

/* A reminder row in a list: activating it, anywhere but its buttons, opens the reminder. */
static GtkWidget *
new_reminder_item (RapportTodayPage *self,
                   RapportReminder  *reminder)
{
  GtkWidget *item = gtk_list_box_row_new ();
  GtkWidget *row = rapport_reminder_row_new (self->store, reminder);

  name_reminder_item (item, NULL, reminder);
  g_signal_connect_object (reminder, "notify::title", G_CALLBACK (name_reminder_item), item,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (row, "add-toast", G_CALLBACK (reminder_toast_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (item), row);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (item), "win.show-reminder");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (item), "x", rapport_reminder_get_id (reminder));

  return item;
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

/* A colleague's row; activating it opens the colleague. A reconnect row also offers to log an
 * interaction or to plan a check-in. */
static GtkWidget *
new_colleague_row (RowKind      kind,
                   const Entry *entry)
{
  const char *name = entry->title;
  gint64 id = entry->id;
  GtkWidget *row = adw_action_row_new ();

  /* Names are the person's own text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  set_row_id (row, "rapport-colleague-id", id);

  if (kind == ROW_RECONNECT)
    {
      /* Translators: %s is a colleague's name */
      g_autofree char *log_label = g_strdup_printf (_("Log Interaction with %s"), name);
      /* Translators: %s is a colleague's name */
      g_autofree char *plan_label = g_strdup_printf (_("Plan Check-In with %s"), name);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_suffix_button ("chat-message-new-symbolic",
                                                    _("Log Interaction"), log_label,
                                                    "win.log-interaction", id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_suffix_button ("appointment-new-symbolic",
                                                    _("Plan Check-In"), plan_label,
                                                    "win.add-reminder", id));
    }
  else
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
    }

  return row;
}

static GtkWidget *
new_row (RapportTodayPage *self,
         RowKind           kind,
         const Entry      *entry)
{
  GtkWidget *row;

  if (kind == ROW_REMINDER)
    row = new_reminder_item (self, RAPPORT_REMINDER (entry->item));
  else
    row = new_colleague_row (kind, entry);

  set_row_id (row, "rapport-today-id", entry->id);

  return row;
}

/* Whether row can go on showing entry: the same reminder object (an undone delete brings back
 * a new one with the old id), or a colleague of the same name (the buttons' accessible names
 * carry it). */
static gboolean
row_shows (GtkWidget   *row,
           RowKind      kind,
           const Entry *entry)
{
  if (get_row_id (row) != entry->id)
    return FALSE;

  if (kind == ROW_REMINDER)
    {
      GtkWidget *child = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      return (GObject *) rapport_reminder_row_get_reminder (RAPPORT_REMINDER_ROW (child))
             == entry->item;
    }

  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), entry->title) == 0;
}

/* A kept row brought up to date: its subtitle ("In 3 days"), or for a reminder the clock. */
static void
refresh_row (RapportTodayPage *self,
             GtkWidget        *row,
             RowKind           kind,
             const Entry      *entry)
{
  if (kind != ROW_REMINDER)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   entry->subtitle != NULL ? entry->subtitle : "");
      return;
    }

  /* A reminder row follows its reminder but reads the clock only then: pinning its time and
   * letting it follow the clock again makes it read the clock now. */
  if (self->retime_rows)
    {
      RapportReminderRow *reminder_row =
        RAPPORT_REMINDER_ROW (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)));

      rapport_reminder_row_set_now (reminder_row, g_get_real_time () / G_USEC_PER_SEC);
      rapport_reminder_row_set_now (reminder_row, 0);
    }
}

static void
container_append (SectionView *view,
                  GtkWidget   *row)
{
  if (ADW_IS_EXPANDER_ROW (view->container))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (view->container), row);
  else
    gtk_list_box_append (GTK_LIST_BOX (view->container), row);
}

static void
container_remove (SectionView *view,
                  GtkWidget   *row)
{
  if (ADW_IS_EXPANDER_ROW (view->container))
    adw_expander_row_remove (ADW_EXPANDER_ROW (view->container), row);
  else
    gtk_list_box_remove (GTK_LIST_BOX (view->container), row);
}

/* The last row of a section that has more than it shows. */
static char *
dup_more_title (RowKind kind,
                guint   n_more)
{
  if (kind == ROW_REMINDER)
    return g_strdup_printf (ngettext ("Show %u More Reminder", "Show %u More Reminders", n_more),
                            n_more);

  return g_strdup_printf (ngettext ("Show %u More Colleague", "Show %u More Colleagues", n_more),
                          n_more);
}

/* Brings the section's rows in line with its entries. The rows that already show an entry in
 * the right order stay; the rest are taken out and put back after them, reused when they show
 * an entry still, built otherwise. Building stops once deadline passes (0: never), leaving a
 * gap that the next call fills; returns whether the rows match the entries. */
static gboolean
sync_section (RapportTodayPage *self,
              Section           section,
              gint64            deadline)
{
  SectionView *view = &self->sections[section];
  g_autoptr(GHashTable) spare = NULL;
  gboolean complete = TRUE;
  gboolean appended = FALSE;
  guint n_more;
  guint kept = 0;

  if (view->complete)
    return TRUE;

  while (kept < view->rows->len && kept < view->entries->len &&
         row_shows (g_ptr_array_index (view->rows, kept), view->kind,
                    g_ptr_array_index (view->entries, kept)))
    kept++;

  /* The rows after the kept ones come out; those still wanted wait to be put back. */
  spare = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  for (guint i = kept; i < view->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (view->rows, i);

      g_object_ref (row);
      container_remove (view, row);
      g_hash_table_insert (spare, g_object_get_data (G_OBJECT (row), "rapport-today-id"), row);
    }
  g_ptr_array_set_size (view->rows, kept);

  for (guint i = 0; i < kept; i++)
    refresh_row (self, g_ptr_array_index (view->rows, i), view->kind,
                 g_ptr_array_index (view->entries, i));

  for (guint i = kept; i < view->entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (view->entries, i);
      GtkWidget *row = g_hash_table_lookup (spare, &entry->id);

      if (row != NULL && row_shows (row, view->kind, entry))
        {
          g_object_ref (row);
          refresh_row (self, row, view->kind, entry);
        }
      else if (deadline == 0 || g_get_monotonic_time () < deadline || !self->built_any)
        {
          row = g_object_ref_sink (new_row (self, view->kind, entry));
          self->built_any = TRUE;
          if (view->kind != ROW_REMINDER)
            refresh_row (self, row, view->kind, entry);
        }
      else
        {
          complete = FALSE;
          continue;
        }

      /* "Show More" stays the last row. */
      if (!appended && view->more_row != NULL)
        {
          container_remove (view, view->more_row);
          view->more_row = NULL;
        }
      appended = TRUE;

      container_append (view, row);
      g_ptr_array_add (view->rows, row);
      g_object_unref (row);
    }

  n_more = view->n_total - MIN (view->n_total, view->entries->len);
  if (n_more > 0 && section != SECTION_RECENT)
    {
      g_autofree char *title = dup_more_title (view->kind, n_more);

      if (view->more_row == NULL)
        {
          view->more_row = rapport_editor_rows_new_show_more (title, "today.show-more", section);
          container_append (view, view->more_row);
        }
      else
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (view->more_row), title);
        }
    }
  else if (view->more_row != NULL)
    {
      container_remove (view, view->more_row);
      view->more_row = NULL;
    }

  view->complete = complete;

  return complete;
}

/* Builds rows until deadline, top section first; TRUE once every section is complete. */
static gboolean
sync_sections (RapportTodayPage *self,
               gint64            deadline)
{
  gboolean complete = TRUE;

  /* Every slice builds at least one row, however busy the machine. */
  self->built_any = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (fill_order); i++)
    complete &= sync_section (self, fill_order[i], deadline);

  if (complete)
    self->retime_rows = FALSE;

  return complete;
}

static gboolean
fill_cb (gpointer user_data)
{
  RapportTodayPage *self = user_data;

  if (sync_sections (self, g_get_monotonic_time () + SLICE_USEC))
    {
      self->fill_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* The rest of the rows, a slice at a time, after the frames that are due. */
static void
schedule_fill (RapportTodayPage *self)
{
  if (self->fill_id == 0)
    self->fill_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_cb, self, NULL);
}

/* What a section is to show; its rows follow in sync_section (). */
static void
set_entries (RapportTodayPage *self,
             Section           section,
             GPtrArray        *entries,
             guint             n_total)
{
  SectionView *view = &self->sections[section];
  gboolean same = n_total == view->n_total && entries->len == view->entries->len;

  for (guint i = 0; same && i < entries->len; i++)
    {
      const Entry *a = g_ptr_array_index (entries, i);
      const Entry *b = g_ptr_array_index (view->entries, i);

      same = a->id == b->id && a->item == b->item && g_strcmp0 (a->title, b->title) == 0 &&
             g_strcmp0 (a->subtitle, b->subtitle) == 0;
    }

  gtk_widget_set_visible (view->group, n_total > 0);

  /* Reminder rows that stay must still read the clock again after a wake-up. */
  if (same && !(view->kind == ROW_REMINDER && self->retime_rows))
    return;

  g_ptr_array_unref (view->entries);
  view->entries = g_ptr_array_ref (entries);
  view->n_total = n_total;
  view->complete = FALSE;
}

static void
clear_sections (RapportTodayPage *self)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (entry_clear);

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      set_entries (self, i, none, 0);
      sync_section (self, i, 0);
    }
}

/* Keeps the limit first items of the ones offered, in order: a career holds thousands of
 * reminders, and sorting them all to show ten is most of the work. */
typedef struct
{
  GArray *kept;   /* Planned, sorted, at most limit */
  guint   limit;
  guint   n_total;
} Selection;

static void
selection_init (Selection *selection,
                guint      limit)
{
  selection->kept = g_array_sized_new (FALSE, FALSE, sizeof (Planned), limit + 1);
  selection->limit = limit;
  selection->n_total = 0;
}

static void
selection_offer (Selection     *selection,
                 const Planned *planned)
{
  GArray *kept = selection->kept;
  guint position = kept->len;

  selection->n_total++;

  /* Most come after the last one kept. */
  if (kept->len == selection->limit &&
      (kept->len == 0 ||
       compare_planned (planned, &g_array_index (kept, Planned, kept->len - 1)) > 0))
    return;

  while (position > 0 &&
         compare_planned (planned, &g_array_index (kept, Planned, position - 1)) < 0)
    position--;

  g_array_insert_val (kept, position, *planned);
  if (kept->len > selection->limit)
    g_array_set_size (kept, selection->limit);
}

static void
set_planned_entries (RapportTodayPage *self,
                     Section           section,
                     Selection        *selection)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (entry_clear);

  for (guint i = 0; i < selection->kept->len; i++)
    {
      RapportReminder *reminder = g_array_index (selection->kept, Planned, i).reminder;

      add_entry (entries, rapport_reminder_get_id (reminder), reminder, NULL);
    }

  set_entries (self, section, entries, selection->n_total);
  g_array_unref (selection->kept);
}

/* Overdue, Today, Next 7 Days and Later; returns how many reminders are pending, and in next
 * the first time after now one of them falls due (left alone when none does before it). */
static guint
update_planned (RapportTodayPage *self,
                GDateTime        *now,
                gint64           *next)
{
  Selection overdue, today, week, later;
  gint64 end_of_today = local_midnight (now, 1);
  gint64 end_of_week = local_midnight (now, 1 + WEEK_DAYS);
  gint64 unix_now = g_date_time_to_unix (now);
  GListModel *reminders = rapport_store_get_reminders (self->store);
  guint n_items = g_list_model_get_n_items (reminders);
  guint n_pending;

  selection_init (&overdue, self->limits[SECTION_OVERDUE]);
  selection_init (&today, self->limits[SECTION_TODAY]);
  selection_init (&week, self->limits[SECTION_WEEK]);
  selection_init (&later, self->limits[SECTION_LATER]);

  for (guint i = 0; i < n_items; i++)
    {
      /* The model holds a reference for as long as this runs; the entries take their own. */
      g_autoptr(RapportReminder) reminder = g_list_model_get_item (reminders, i);
      Planned planned = { reminder, rapport_reminder_get_remind_at (reminder) };

      switch (rapport_reminder_get_state_at (reminder, unix_now))
        {
        case RAPPORT_REMINDER_STATE_DONE:
          continue;

        case RAPPORT_REMINDER_STATE_OVERDUE:
          selection_offer (&overdue, &planned);
          continue;

        case RAPPORT_REMINDER_STATE_UPCOMING:
        case RAPPORT_REMINDER_STATE_SNOOZED:
        default:
          break;
        }

      if (planned.at < *next)
        *next = planned.at;

      if (planned.at < end_of_today)
        selection_offer (&today, &planned);
      else if (planned.at < end_of_week)
        selection_offer (&week, &planned);
      else
        selection_offer (&later, &planned);
    }

  n_pending = overdue.n_total + today.n_total + week.n_total + later.n_total;

  if (later.n_total > 0)
    {
      g_autofree char *count = g_strdup_printf (ngettext ("%u reminder", "%u reminders",
                                                          later.n_total),
                                                later.n_total);

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->later_row), count);
    }

  set_planned_entries (self, SECTION_OVERDUE, &overdue);
  set_planned_entries (self, SECTION_TODAY, &today);
  set_planned_entries (self, SECTION_WEEK, &week);
  set_planned_entries (self, SECTION_LATER, &later);

  return n_pending;
}

/* "Last interaction 6 weeks ago", counted in calendar days. */
static char *
describe_last_interaction (RapportColleague *colleague,
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

/* Time to Reconnect; returns how many colleagues are due. */
static guint
update_reconnect (RapportTodayPage *self,
                  GDateTime        *now)
{
  g_autoptr(GPtrArray) due = rapport_store_dup_reconnect_due (self->store,
                                                              local_midnight (now, 1) - 1);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (entry_clear);
  guint n_due = due != NULL ? due->len : 0;

  for (guint i = 0; i < MIN (n_due, self->limits[SECTION_RECONNECT]); i++)
    {
      RapportColleague *colleague = g_ptr_array_index (due, i);
      g_autofree char *subtitle = describe_last_interaction (colleague, now);

      add_entry (entries, rapport_colleague_get_id (colleague), colleague, subtitle);
    }

  set_entries (self, SECTION_RECONNECT, entries, n_due);

  return n_due;
}

/* Upcoming Birthdays and Recently Added, in one pass over the colleagues. */
static void
update_colleagues (RapportTodayPage *self,
                   GDateTime        *now)
{
  GListModel *colleagues = rapport_store_get_colleagues (self->store);
  guint n_items = g_list_model_get_n_items (colleagues);
  g_autoptr(GArray) birthdays = g_array_new (FALSE, FALSE, sizeof (Birthday));
  g_autoptr(GPtrArray) recent = g_ptr_array_new ();
  g_autoptr(GPtrArray) birthday_entries = g_ptr_array_new_with_free_func (entry_clear);
  g_autoptr(GPtrArray) recent_entries = g_ptr_array_new_with_free_func (entry_clear);
  guint n_recent = 0;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));

  for (guint i = 0; i < n_items; i++)
    {
      /* The model keeps its own reference: the arrays borrow it while this runs. */
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (colleagues, i);
      const char *birthday_text;
      guint position;
      guint month, day;

      if (rapport_colleague_get_archived (colleague))
        continue;

      /* The newest few, newest first, without sorting everyone. */
      n_recent++;
      position = recent->len;
      while (position > 0 &&
             compare_newest_first (&colleague, &g_ptr_array_index (recent, position - 1)) < 0)
        position--;
      if (position < N_RECENT)
        {
          g_ptr_array_insert (recent, position, colleague);
          if (recent->len > N_RECENT)
            g_ptr_array_set_size (recent, N_RECENT);
        }

      birthday_text = rapport_colleague_get_birthday (colleague);
      if (*birthday_text != '\0' && parse_birthday (birthday_text, &month, &day))
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

      add_entry (birthday_entries, rapport_colleague_get_id (birthday->colleague),
                 birthday->colleague, when);
    }
  set_entries (self, SECTION_BIRTHDAYS, birthday_entries, birthdays->len);

  for (guint i = 0; i < recent->len; i++)
    {
      RapportColleague *colleague = g_ptr_array_index (recent, i);
      g_autofree char *description = describe_colleague (colleague);

      add_entry (recent_entries, rapport_colleague_get_id (colleague), colleague, description);
    }
  set_entries (self, SECTION_RECENT, recent_entries, n_recent);
}

/* The last weeks' journal entries, counted in SQL (one indexed range): cheap enough to redo on
 * every change. The chart leaves itself alone when the counts are the same. Shown from the first
 * colleague on, when there is someone to log an entry with; until the first entry it says there
 * are none. The midnight refresh moves it on to a new week. */
static void
update_activity (RapportTodayPage *self,
                 GDateTime        *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GDateTime) week_start = NULL;
  guint counts[ACTIVITY_WEEKS];

  if (g_list_model_get_n_items (rapport_store_get_colleagues (self->store)) == 0)
    {
      gtk_widget_set_visible (self->activity_group, FALSE);
      return;
    }

  if (!rapport_store_count_interactions_by_week (self->store, now, ACTIVITY_WEEKS, counts,
                                                 &error))
    {
      g_warning ("Could not count the journal entries per week: %s", error->message);
      gtk_widget_set_visible (self->activity_group, FALSE);
      return;
    }

  /* The store's weeks: from Monday 00:00 in now's zone. */
  monday = g_date_time_add_days (now, 1 - g_date_time_get_day_of_week (now));
  week_start = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (monday),
                                g_date_time_get_month (monday),
                                g_date_time_get_day_of_month (monday), 0, 0, 0);

  rapport_activity_chart_set_counts (self->activity_chart, counts, ACTIVITY_WEEKS, week_start);
  gtk_widget_set_visible (self->activity_group, TRUE);
}

static gboolean
refresh_cb (gpointer user_data)
{
  RapportTodayPage *self = user_data;

  self->refresh_id = 0;
  /* Reminders fell due, or the day changed: every time shown is read again. */
  self->retime_rows = TRUE;
  rebuild (self, SLICE_USEC);

  return G_SOURCE_REMOVE;
}

/* The sections change when a reminder falls due and at midnight ("Tomorrow" becomes "Today"),
 * even when nothing is written: wake up then, and only then. */
static void
schedule_refresh (RapportTodayPage *self,
                  GDateTime        *now,
                  gint64            next)
{
  gint64 unix_now = g_date_time_to_unix (now);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add_seconds ((guint) CLAMP (next - unix_now, 0, G_MAXUINT - 1) + 1,
                                            refresh_cb, self);
}

/* Works out what each section shows, which takes a few milliseconds even for a career, and
 * builds the rows that are new to it for up to slice microseconds; the rest follow. */
static void
rebuild (RapportTodayPage *self,
         gint64            slice)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 next = local_midnight (now, 1);
  guint n_planned;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);

  /* The welcome stays until there is something of one's own: a colleague, an assignment or a
   * reminder. */
  if (self->store == NULL ||
      (g_list_model_get_n_items (rapport_store_get_colleagues (self->store)) == 0 &&
       g_list_model_get_n_items (rapport_store_get_assignments (self->store)) == 0 &&
       g_list_model_get_n_items (rapport_store_get_reminders (self->store)) == 0))
    {
      self->current_assignment_id = 0;
      g_clear_handle_id (&self->fill_id, g_source_remove);
      clear_sections (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      schedule_refresh (self, now, next);
      return;
    }

  update_date (self, now);
  update_assignment (self, now);
  update_activity (self, now);
  n_planned = update_planned (self, now, &next);
  n_planned += update_reconnect (self, now);
  gtk_widget_set_visible (self->nothing_group, n_planned == 0);
  update_colleagues (self, now);

  gtk_stack_set_visible_child_name (self->stack, "overview");

  if (!sync_sections (self, g_get_monotonic_time () + slice))
    schedule_fill (self);
  schedule_refresh (self, now, next);
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  RapportTodayPage *self = user_data;

  self->rebuild_id = 0;
  rebuild (self, SLICE_USEC);

  return G_SOURCE_REMOVE;
}

/* Many changes in a row (an import) cost one rebuild. */
static void
queue_rebuild (RapportTodayPage *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle_cb, self);
}

static void
store_changed_cb (RapportTodayPage *self,
                  RapportStore     *store)
{
  queue_rebuild (self);
}

static void
show_more_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (widget);
  guint32 section = g_variant_get_uint32 (parameter);

  if (section >= N_SECTIONS || section == SECTION_RECENT)
    return;

  self->limits[section] += SECTION_STEP;
  rebuild (self, SLICE_USEC);
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
  g_clear_handle_id (&self->fill_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_clear_object (&self->store);

  /* The rows go with the lists; the entries hold the store's items. */
  for (guint i = 0; i < N_SECTIONS; i++)
    {
      g_clear_pointer (&self->sections[i].entries, g_ptr_array_unref);
      g_clear_pointer (&self->sections[i].rows, g_ptr_array_unref);
      self->sections[i].more_row = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_TODAY_PAGE);

  G_OBJECT_CLASS (rapport_today_page_parent_class)->dispose (object);
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
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, start_assignment_button);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, add_colleague_button);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, assignment_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, no_assignment_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, activity_group);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, activity_chart);
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
  struct {
    RowKind     kind;
    GtkWidget  *group;
    GtkWidget  *container;
  } views[N_SECTIONS];

  for (guint i = 0; i < N_SECTIONS; i++)
    self->limits[i] = SECTION_LIMIT;
  self->limits[SECTION_RECENT] = N_RECENT;

  g_type_ensure (RAPPORT_TYPE_ACTIVITY_CHART);
  g_type_ensure (RAPPORT_TYPE_TODAY_HEADING);
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The welcome's buttons wrap rather than widen the page past a phone's width (large text,
   * long translations): the stack asks for the widest of its pages. */
  wrap_button_label (self->start_assignment_button);
  wrap_button_label (self->add_colleague_button);

  /* Far-off reminders wait, folded, under one row that counts them. */
  self->later_row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->later_row), _("Later"));
  /* libadwaita 1.2 leaves an expander row, which takes the focus, unnamed. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->later_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Later"),
                                  -1);
  adw_expander_row_set_icon_name (ADW_EXPANDER_ROW (self->later_row), "x-office-calendar-symbolic");
  gtk_list_box_append (self->later_list, self->later_row);

  views[SECTION_OVERDUE].kind = ROW_REMINDER;
  views[SECTION_OVERDUE].group = self->overdue_group;
  views[SECTION_OVERDUE].container = GTK_WIDGET (self->overdue_list);
  views[SECTION_TODAY].kind = ROW_REMINDER;
  views[SECTION_TODAY].group = self->today_group;
  views[SECTION_TODAY].container = GTK_WIDGET (self->today_list);
  views[SECTION_WEEK].kind = ROW_REMINDER;
  views[SECTION_WEEK].group = self->week_group;
  views[SECTION_WEEK].container = GTK_WIDGET (self->week_list);
  views[SECTION_LATER].kind = ROW_REMINDER;
  views[SECTION_LATER].group = self->later_group;
  views[SECTION_LATER].container = self->later_row;
  views[SECTION_RECONNECT].kind = ROW_RECONNECT;
  views[SECTION_RECONNECT].group = self->reconnect_group;
  views[SECTION_RECONNECT].container = GTK_WIDGET (self->reconnect_list);
  views[SECTION_BIRTHDAYS].kind = ROW_COLLEAGUE;
  views[SECTION_BIRTHDAYS].group = self->birthdays_group;
  views[SECTION_BIRTHDAYS].container = GTK_WIDGET (self->birthdays_list);
  views[SECTION_RECENT].kind = ROW_COLLEAGUE;
  views[SECTION_RECENT].group = self->recent_group;
  views[SECTION_RECENT].container = GTK_WIDGET (self->recent_list);

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      SectionView *view = &self->sections[i];

      view->kind = views[i].kind;
      view->group = views[i].group;
      view->container = views[i].container;
      view->entries = g_ptr_array_new_with_free_func (entry_clear);
      view->rows = g_ptr_array_new ();
      view->complete = TRUE;
    }

  rebuild (self, FIRST_SLICE_USEC);
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

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_set_object (&self->store, store);

  /* Ids mean nothing across journals: no row is kept. */
  g_clear_handle_id (&self->fill_id, g_source_remove);
  clear_sections (self);

  if (store != NULL)
    g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);

  rebuild (self, FIRST_SLICE_USEC);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}
