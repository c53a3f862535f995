/* rapport-career.c
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

/* Writes a whole career into a new encrypted journal, through the store API as the app would:
 *
 *   rapport-career --data-dir=DIR [--scale=F] [--seed=N] [--anchor=YYYY-MM-DD]
 *
 * At scale 1: 10,000 colleagues (a quarter with a photo), 300 assignments, 10,000 tips, 100,000
 * journal entries and 20,000 reminders (one in ten repeating), with text in English, Spanish,
 * French, German, Portuguese and Polish. The same seed and anchor give the same journal. The
 * career ends at the anchor (default: today), with the last assignment going on then; pending
 * reminders lie in the months after it. */

#define G_LOG_DOMAIN "rapport-career"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "rapport-profile.h"

#define BASE_COLLEAGUES   10000
#define BASE_ASSIGNMENTS  300
#define BASE_TIPS         10000
#define BASE_INTERACTIONS 100000
#define BASE_REMINDERS    20000

static char *data_dir;
static double scale = 1.0;
static gint64 seed = 20261122;
static char *anchor;
static char *photo_path;

static const GOptionEntry entries[] = {
  { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
    "The profile folder (must not hold a journal yet)", "DIR" },
  { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, "Multiply every count by F (default 1)", "F" },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 20261122)", "N" },
  { "anchor", 0, 0, G_OPTION_ARG_STRING, &anchor,
    "The day the career reaches (default today)", "YYYY-MM-DD" },
  { "photo", 0, 0, G_OPTION_ARG_FILENAME, &photo_path,
    "A JPEG to give a quarter of the colleagues (each copy made unique)", "FILE" },
  { NULL }
};

static const char *first_names[] = {
  "Ana", "Bartosz", "Camille", "Diego", "Elif", "Fatima", "Grzegorz", "Hélène", "Ingrid", "João",
  "Kwame", "Lucía", "Mateus", "Noémie", "Oluwaseun", "Paulina", "Quentin", "Rosário", "Sören",
  "Thi", "Ursula", "Valentín", "Wiktoria", "Xavier", "Yasmin", "Zoë", "Amara", "Björn", "Chloé",
  "Dário", "Émile", "Fernanda", "Gaëlle", "Héctor", "Iñaki", "Jürgen", "Katarzyna", "Léa",
  "Marisol", "Nils", "Oksana", "Priya", "Raúl", "Siobhán", "Tomás", "Ülkü", "Vera", "Wojciech",
};

static const char *last_names[] = {
  "Abara", "Bélanger", "Castillo", "Dąbrowski", "Esposito", "Fernández", "Gonçalves", "Hoffmann",
  "Ibáñez", "Jankowski", "Kowalczyk", "Lefèvre", "Müller", "Nuñez", "Oliveira", "Peña",
  "Quiroga", "Rousseau", "Schröder", "Takahashi", "Ueda", "Valdés", "Wójcik", "Xu", "Yilmaz",
  "Zieliński", "Åkesson", "Brandão", "Chévrier", "Domínguez", "Eriksen", "Fähnrich", "García",
  "Haddad", "Iwańska", "Jiménez", "König", "López", "Mensah", "Nakamura", "O'Connor", "Pérez",
};

static const char *roles[] = {
  "RN", "Charge Nurse", "Hospitalist", "Physical Therapist", "Respiratory Therapist",
  "Pharmacist", "Unit Clerk", "Nurse Practitioner", "Anesthesiologist", "Enfermera",
  "Infirmière", "Pflegefachfrau", "Fisioterapeuta", "Pielęgniarka", "Médico residente",
};

static const char *specialties[] = {
  "Emergency", "ICU", "Orthopedics", "Oncology", "Pediatrics", "Labor and Delivery", "Cardiology",
  "Urgencias", "Réanimation", "Intensivstation", "Pediatría", "Oncologia", "Neurología", "",
};

static const char *cities[][3] = {
  { "Durango", "Colorado", "US" }, { "Fort Collins", "Colorado", "US" },
  { "Tucson", "Arizona", "US" }, { "Bozeman", "Montana", "US" }, { "Duluth", "Minnesota", "US" },
  { "Asheville", "North Carolina", "US" }, { "Fairbanks", "Alaska", "US" },
  { "Sevilla", "Andalucía", "ES" }, { "Valencia", "Comunitat Valenciana", "ES" },
  { "Lyon", "Auvergne-Rhône-Alpes", "FR" }, { "Besançon", "Bourgogne-Franche-Comté", "FR" },
  { "Québec", "Québec", "CA" }, { "Saint-Étienne", "Auvergne-Rhône-Alpes", "FR" },
  { "Münster", "Nordrhein-Westfalen", "DE" }, { "Kraków", "Małopolskie", "PL" },
  { "Porto", "Norte", "PT" }, { "Lisboa", "Lisboa", "PT" }, { "Oaxaca", "Oaxaca", "MX" },
};

static const char *facility_words[] = {
  "Regional Medical Center", "Community Hospital", "Hospital Universitario", "Centre hospitalier",
  "Klinikum", "Szpital Wojewódzki", "Hospital de Santo António", "Memorial Hospital",
};

static const char *saints[] = {
  "St. Brendan", "Mercy", "San Rafael", "Sainte-Justine", "Sankt Marien", "Świętej Anny",
  "Santa Maria", "Providence", "Good Samaritan", "Virgen del Rocío",
};

static const char *units[] = {
  "Emergency Department", "ICU", "4 West", "Step-down", "Urgencias", "Réanimation", "Station 3B",
  "Oddział ratunkowy", "Med-Surg", "NICU",
};

static const char *agencies[] = {
  "Summit Travel Nursing", "Horizon Locums", "Atlas MedStaff", "", "Cross Country Locums",
};

static const char *interests[] = {
  "Trail running", "sourdough", "chess", "Carnatic music", "fly fishing", "quilting",
  "senderismo", "la cuisine du marché", "Bergsteigen", "fotografía", "cross-country skiing",
  "board games", "jardinage", "Fußball", "żeglarstwo", "surf", "poetry", "ceramics",
};

/* Journal sentences; one to three make an entry. */
static const char *sentences[] = {
  "Coffee after handover; we talked about the new triage protocol.",
  "Busy night: two traumas back to back. Good team.",
  "Shared a shift on the step-down unit and swapped housing leads.",
  "Caught up about her next contract and the licensing paperwork.",
  "Promised to send the sepsis article from grand rounds.",
  "Tomamos un café después del turno de noche; me recomendó una ruta de senderismo.",
  "Hablamos de su próximo contrato en Valencia y de cómo renovar la colegiación.",
  "Guardia tranquila. Me enseñó dónde está el almacén de farmacia.",
  "Déjeuner à la cafétéria : elle m'a parlé du marché du samedi.",
  "Garde de nuit difficile, mais une équipe formidable. On se revoit jeudi.",
  "Il connaît un médecin pour la visite médicale du permis.",
  "Nach der Frühschicht Kaffee getrunken; er kennt eine gute Wohnung in Uni-Nähe.",
  "Gemeinsame Nachtschicht auf der Intensivstation, viel gelernt über Beatmung.",
  "Almoçámos juntas; ela sugeriu o trilho ao longo do rio.",
  "Rozmawialiśmy o dyżurach weekendowych i o tym, gdzie zaparkować.",
  "Peer-support group: talked about the first week at a new site.",
  "Video call from the airport; she starts in Fairbanks next month.",
  "Group chat planning a ski weekend for March.",
  "He reviewed my case presentation before boards. Owe him dinner.",
  "Met at the badge office; both lost on day one.",
};

static const char *tip_titles[] = {
  "Badge office", "Lot C after 18:00", "Taco truck behind the hardware store", "River trail",
  "Panadería de la esquina", "Marché couvert", "Bäckerei am Bahnhof", "Tram 4 to the hospital",
  "Month-to-month studio", "Farmers market on Saturdays", "Climbing gym", "Cafetería del hospital",
  "Boulangerie ouverte à 5 h", "Biergarten am See", "Mleczny bar", "Pastelaria perto do metro",
};

static const char *tip_bodies[] = {
  "Basement level, next to the cafeteria. Open 7:00–15:00 on weekdays; bring two IDs.",
  "Lot A fills up by 6:45; Lot C is free for night shift and has a shuttle.",
  "Opens at 5:30, so it works before a day shift.",
  "Flat and paved for the first few miles; good for a post-shift walk.",
  "Abre a las seis y tiene churros recién hechos los domingos.",
  "Ouvert le samedi matin, les producteurs locaux sont au fond à gauche.",
  "Der Bus fährt alle zehn Minuten und hält am Südeingang.",
  "Landlord rents to travelers; ask for the unit with parking.",
  "Cash only. Al pastor on Tuesdays.",
  "Tania i smaczna zupa, blisko szpitala.",
};

static const char *reminder_titles[] = {
  "Send the sepsis article", "Call about the next contract", "Coffee before she leaves",
  "Thank-you card for the unit", "Return the parking permit form", "Llamar para felicitarla",
  "Envoyer les photos de la randonnée", "Nach der neuen Stelle fragen", "Check in after the move",
  "Peer-support group",
};

static const char *rrules[] = {
  "FREQ=WEEKLY;BYDAY=TH", "FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=YEARLY", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR",
  "FREQ=DAILY;INTERVAL=3",
};

/* Lowercases ASCII letters in place; returns text. */
static char *
ascii_down_in_place (char *text)
{
  for (char *p = text; *p != '\0'; p++)
    *p = g_ascii_tolower (*p);

  return text;
}

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

static guint
scaled (guint base)
{
  return MAX (1, (guint) (base * scale + 0.5));
}

static char *
dup_sentences (GRand *rand,
               guint  max)
{
  GString *text = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 1, max + 1);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (text, i == 2 ? '\n' : ' ');
      g_string_append (text, PICK (rand, sentences));
    }

  return g_string_free (text, FALSE);
}

static char *
dup_day (GDateTime *day)
{
  return g_date_time_format (day, "%Y-%m-%d");
}

/* A JPEG with a comment segment naming the colleague, so no two photos are the same bytes. */
static GBytes *
new_photo (GBytes *portrait,
           guint   index)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (portrait, &size);
  g_autofree char *comment = g_strdup_printf ("Rapport portrait %u", index);
  gsize comment_len = strlen (comment);
  GByteArray *photo = g_byte_array_sized_new (size + comment_len + 4);
  guint8 header[4] = { 0xff, 0xfe, (comment_len + 2) >> 8, (comment_len + 2) & 0xff };

  g_byte_array_append (photo, data, 2);   /* SOI */
  g_byte_array_append (photo, header, sizeof header);
  g_byte_array_append (photo, (const guint8 *) comment, comment_len);
  g_byte_array_append (photo, data + 2, size - 2);

  return g_byte_array_free_to_bytes (photo);
}

static gboolean
add_colleagues (RapportStore  *store,
                GRand         *rand,
                GBytes        *portrait,
                GArray        *ids,
                GError       **error)
{
  guint n = scaled (BASE_COLLEAGUES);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RapportColleague) colleague = NULL;
      g_autofree char *name = NULL;
      g_autofree char *email = NULL;
      g_autofree char *ascii = NULL;
      g_autofree char *phone = NULL;
      const char *first = PICK (rand, first_names);
      const char *last = PICK (rand, last_names);

      /* Half carry two family names, as in Spain and Portugal: few names then repeat, so an
       * import of the export adds people rather than merging them into namesakes. */
      if (g_rand_boolean (rand))
        name = g_strdup_printf ("%s %s %s", first, last, PICK (rand, last_names));
      else
        name = g_strdup_printf ("%s %s", first, last);
      ascii = g_str_to_ascii (name, "C");
      g_strdelimit (ascii, " '", '.');
      email = g_strdup_printf ("%s%u@example.org", ascii_down_in_place (ascii), i);
      phone = g_strdup_printf ("+1 %03d 555 %04d", g_rand_int_range (rand, 201, 990), i % 10000);

      colleague = rapport_colleague_new (name);
      rapport_colleague_set_role (colleague, PICK (rand, roles));
      rapport_colleague_set_specialty (colleague, PICK (rand, specialties));
      rapport_colleague_set_organization (colleague, PICK (rand, saints));
      rapport_colleague_set_email (colleague, email);
      if (g_rand_int_range (rand, 0, 3) > 0)
        rapport_colleague_set_phone (colleague, phone);
      if (g_rand_boolean (rand))
        {
          g_autofree char *text = g_strdup_printf ("%s, %s", PICK (rand, interests),
                                                   PICK (rand, interests));

          rapport_colleague_set_interests (colleague, text);
        }
      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          g_autofree char *notes = dup_sentences (rand, 3);

          rapport_colleague_set_notes (colleague, notes);
        }
      rapport_colleague_set_support_kind (colleague,
                                          g_rand_int_range (rand, 0, RAPPORT_N_SUPPORT_KINDS));
      /* Keeping in touch is for the people of the last few assignments (colleagues are met in
       * the order they are written). */
      if (i >= n - n / 10 && g_rand_int_range (rand, 0, 3) == 0)
        rapport_colleague_set_cadence_days (colleague, 14 * g_rand_int_range (rand, 1, 7));
      if (g_rand_int_range (rand, 0, 6) == 0)
        {
          g_autofree char *birthday = g_strdup_printf ("%04d-%02d-%02d",
                                                       g_rand_int_range (rand, 1950, 2000),
                                                       g_rand_int_range (rand, 1, 13),
                                                       g_rand_int_range (rand, 1, 29));

          rapport_colleague_set_birthday (colleague, birthday);
        }
      if (portrait != NULL && i % 4 == 0)
        {
          g_autoptr(GBytes) photo = new_photo (portrait, i);

          rapport_colleague_set_photo (colleague, photo);
        }
      if (g_rand_int_range (rand, 0, 20) == 0)
        rapport_colleague_set_archived (colleague, TRUE);

      if (!rapport_store_add_colleague (store, colleague, error))
        {
          g_prefix_error (error, "colleague %u: ", i);
          return FALSE;
        }
      g_array_append_vals (ids, (gint64[]) { rapport_colleague_get_id (colleague) }, 1);
    }

  return TRUE;
}

/* Days from one assignment's start to the next: five weeks, or less when there are so many that
 * they would reach back more than thirty years (they overlap then, as at a larger scale). */
static gint
assignment_step_days (guint n_assignments)
{
  return CLAMP (30 * 365 / (gint) n_assignments, 1, 36);
}

/* Back to back, about five weeks each, the last one going on at the anchor. Each gets a slice of
 * the colleagues, linked on a day within it. */
static gboolean
add_assignments (RapportStore  *store,
                 GRand         *rand,
                 GDateTime     *anchor_day,
                 GArray        *colleague_ids,
                 GArray        *assignment_ids,
                 GError       **error)
{
  guint n = scaled (BASE_ASSIGNMENTS);
  guint per = MAX (1, colleague_ids->len / n);
  gint step = assignment_step_days (n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RapportAssignment) assignment = NULL;
      g_autoptr(GDateTime) start = g_date_time_add_days (anchor_day, -step * (gint) (n - i) + 15);
      g_autoptr(GDateTime) end = g_date_time_add_days (start, 35);
      g_autofree char *facility = NULL;
      g_autofree char *starts_on = dup_day (start);
      g_autofree char *ends_on = dup_day (end);
      guint city = g_rand_int_range (rand, 0, G_N_ELEMENTS (cities));
      gint64 id;

      facility = g_strdup_printf ("%s %s", PICK (rand, saints), PICK (rand, facility_words));
      assignment = rapport_assignment_new (facility);
      rapport_assignment_set_unit (assignment, PICK (rand, units));
      rapport_assignment_set_city (assignment, cities[city][0]);
      rapport_assignment_set_region (assignment, cities[city][1]);
      rapport_assignment_set_country (assignment, cities[city][2]);
      rapport_assignment_set_starts_on (assignment, starts_on);
      rapport_assignment_set_ends_on (assignment, ends_on);
      rapport_assignment_set_agency (assignment, PICK (rand, agencies));
      if (g_rand_boolean (rand))
        {
          g_autofree char *notes = dup_sentences (rand, 2);

          rapport_assignment_set_notes (assignment, notes);
        }

      if (!rapport_store_add_assignment (store, assignment, error))
        {
          g_prefix_error (error, "assignment %u: ", i);
          return FALSE;
        }
      id = rapport_assignment_get_id (assignment);
      g_array_append_val (assignment_ids, id);

      for (guint j = i * per; j < MIN ((i + 1) * per, colleague_ids->len); j++)
        {
          g_autoptr(GDateTime) met = g_date_time_add_days (start, g_rand_int_range (rand, 0, 35));
          g_autofree char *met_on = dup_day (met);

          if (!rapport_store_link_colleague (store, g_array_index (colleague_ids, gint64, j), id,
                                             g_rand_int_range (rand, 0, 8) == 0 ? NULL : met_on,
                                             error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
add_tips (RapportStore  *store,
          GRand         *rand,
          GArray        *assignment_ids,
          GArray        *colleague_ids,
          GError       **error)
{
  guint n = scaled (BASE_TIPS);

  for (guint i = 0; i < n; i++)
    {
      gint64 assignment_id = g_array_index (assignment_ids, gint64, i % assignment_ids->len);
      g_autoptr(RapportTip) tip = rapport_tip_new (assignment_id,
                                                   g_rand_int_range (rand, 0,
                                                                     RAPPORT_N_TIP_CATEGORIES),
                                                   PICK (rand, tip_titles));

      rapport_tip_set_body (tip, PICK (rand, tip_bodies));
      if (g_rand_int_range (rand, 0, 3) == 0)
        rapport_tip_set_address (tip, "1010 Three Springs Blvd");
      if (g_rand_int_range (rand, 0, 4) == 0)
        rapport_tip_set_recommended_by (tip, g_array_index (colleague_ids, gint64,
                                                            g_rand_int_range (rand, 0,
                                                                              colleague_ids->len)));
      rapport_tip_set_tried (tip, g_rand_boolean (rand));

      if (!rapport_store_add_tip (store, tip, error))
        {
          g_prefix_error (error, "tip %u: ", i);
          return FALSE;
        }
    }

  return TRUE;
}

/* Spread evenly over the career; each names one to three colleagues met around that time. */
static gboolean
add_interactions (RapportStore  *store,
                  GRand         *rand,
                  GDateTime     *anchor_day,
                  GArray        *assignment_ids,
                  GArray        *colleague_ids,
                  GError       **error)
{
  guint n = scaled (BASE_INTERACTIONS);
  gint64 end = g_date_time_to_unix (anchor_day);
  gint64 span = (gint64) assignment_ids->len * assignment_step_days (assignment_ids->len) * 86400;

  for (guint i = 0; i < n; i++)
    {
      gint64 when = end - span + (span / n) * i + g_rand_int_range (rand, 0, 86400);
      guint slot = (guint) ((guint64) i * assignment_ids->len / n);
      guint near = (guint) ((guint64) slot * colleague_ids->len / assignment_ids->len);
      g_autoptr(RapportInteraction) interaction = NULL;
      g_autofree char *body = dup_sentences (rand, 3);
      gint64 who[3];
      guint n_who = g_rand_int_range (rand, 1, 4);

      for (guint j = 0; j < n_who; j++)
        {
          /* Mostly the people of this assignment, sometimes someone from years ago. */
          guint k = near + g_rand_int_range (rand, 0, 40);

          if (g_rand_int_range (rand, 0, 5) == 0)
            k = g_rand_int_range (rand, 0, colleague_ids->len);
          k = MIN (k, colleague_ids->len - 1);

          who[j] = g_array_index (colleague_ids, gint64, k);
          for (guint m = 0; m < j; m++)
            if (who[m] == who[j])
              who[j] = g_array_index (colleague_ids, gint64, (k + 1 + m) % colleague_ids->len);
        }

      interaction = rapport_interaction_new (g_rand_int_range (rand, 0,
                                                               RAPPORT_N_INTERACTION_KINDS),
                                             MIN (when, end));
      rapport_interaction_set_body (interaction, body);
      rapport_interaction_set_colleague_ids (interaction, who, n_who);
      if (g_rand_int_range (rand, 0, 3) > 0)
        rapport_interaction_set_assignment_id (interaction,
                                               g_array_index (assignment_ids, gint64, slot));

      if (!rapport_store_add_interaction (store, interaction, error))
        {
          g_prefix_error (error, "journal entry %u: ", i);
          return FALSE;
        }
    }

  return TRUE;
}

/* Most are done; the pending ones fall in the half year after the anchor. */
static gboolean
add_reminders (RapportStore  *store,
               GRand         *rand,
               GDateTime     *anchor_day,
               GArray        *colleague_ids,
               GError       **error)
{
  guint n = scaled (BASE_REMINDERS);
  gint64 end = g_date_time_to_unix (anchor_day);
  gint64 span = 30LL * 365 * 86400;

  for (guint i = 0; i < n; i++)
    {
      gboolean repeating = g_rand_int_range (rand, 0, 10) == 0;
      /* A repeating reminder moves on each time it is done, so it lies ahead like the pending. */
      gboolean pending = repeating || g_rand_int_range (rand, 0, 10) == 0;
      gint64 due = pending
                     ? end + 86400 + g_rand_int_range (rand, 0, 180) * 86400LL + 9 * 3600
                     : end - span + (span / n) * i;
      g_autoptr(RapportReminder) reminder = rapport_reminder_new (PICK (rand, reminder_titles),
                                                                  due);

      if (repeating)
        rapport_reminder_set_rrule (reminder, PICK (rand, rrules));
      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          g_autofree char *notes = dup_sentences (rand, 1);

          rapport_reminder_set_notes (reminder, notes);
        }
      if (g_rand_int_range (rand, 0, 4) > 0)
        rapport_reminder_set_colleague_id (reminder,
                                           g_array_index (colleague_ids, gint64,
                                                          g_rand_int_range (rand, 0,
                                                                            colleague_ids->len)));
      if (!pending)
        rapport_reminder_set_completed_at (reminder, due + 3600);

      if (!rapport_store_add_reminder (store, reminder, error))
        {
          g_prefix_error (error, "reminder %u: ", i);
          return FALSE;
        }
    }

  return TRUE;
}

static GDateTime *
parse_anchor (GError **error)
{
  g_autoptr(GDateTime) now = NULL;
  int year, month, day;

  if (anchor == NULL)
    {
      now = g_date_time_new_now_utc ();
      return g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                                  g_date_time_get_day_of_month (now), 0, 0, 0);
    }

  if (sscanf (anchor, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--anchor: “%s” is not a date (YYYY-MM-DD)", anchor);
      return NULL;
    }

  return g_date_time_new_utc (year, month, day, 0, 0, 0);
}

static gboolean
generate (GError **error)
{
  g_autoptr(RapportProfile) profile = rapport_profile_new (data_dir);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GDateTime) anchor_day = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) seed);
  g_autoptr(GBytes) portrait = NULL;
  g_autoptr(GArray) colleague_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) assignment_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 started = g_get_monotonic_time ();

  anchor_day = parse_anchor (error);
  if (anchor_day == NULL)
    return FALSE;

  if (photo_path != NULL)
    {
      g_autoptr(GMappedFile) file = g_mapped_file_new (photo_path, FALSE, error);

      if (file == NULL)
        return FALSE;
      portrait = g_mapped_file_get_bytes (file);
    }

  if (rapport_profile_has_journal (profile))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   "%s already holds a journal; give an empty folder", data_dir);
      return FALSE;
    }

  store = rapport_profile_create (profile, NULL, error);
  if (store == NULL)
    return FALSE;

  /* Every add is its own transaction, as in the app; without waiting for the disk each time and
   * with the rollback journal in memory, a career takes a minute rather than an hour of fsync. */
  if (!rapport_database_exec (rapport_store_get_database (store),
                              "PRAGMA synchronous = OFF; PRAGMA journal_mode = MEMORY", error))
    return FALSE;

  if (!add_colleagues (store, rand, portrait, colleague_ids, error) ||
      !add_assignments (store, rand, anchor_day, colleague_ids, assignment_ids, error) ||
      !add_tips (store, rand, assignment_ids, colleague_ids, error) ||
      !add_interactions (store, rand, anchor_day, assignment_ids, colleague_ids, error) ||
      !add_reminders (store, rand, anchor_day, colleague_ids, error))
    return FALSE;

  g_print ("colleagues=%u assignments=%u tips=%u interactions=%u reminders=%u seconds=%.1f\n",
           g_list_model_get_n_items (rapport_store_get_colleagues (store)),
           g_list_model_get_n_items (rapport_store_get_assignments (store)),
           g_list_model_get_n_items (rapport_store_get_tips (store)),
           g_list_model_get_n_items (rapport_store_get_interactions (store)),
           g_list_model_get_n_items (rapport_store_get_reminders (store)),
           (g_get_monotonic_time () - started) / 1e6);

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- write a career-scale Rapport journal");
  g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("rapport-career: %s\n", error->message);
      return 2;
    }

  if (data_dir == NULL || *data_dir == '\0' || argc > 1 || scale <= 0 || scale > 100)
    {
      g_printerr ("rapport-career: usage: rapport-career --data-dir=DIR [--scale=F] [--seed=N]"
                  " [--anchor=YYYY-MM-DD] [--photo=FILE]\n");
      return 2;
    }

  if (!generate (&error))
    {
      g_printerr ("rapport-career: %s\n", error->message);
      return 1;
    }

  return 0;
}
