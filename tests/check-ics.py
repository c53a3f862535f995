#!/usr/bin/python3
# check-ics.py
#
# Copyright 2026 The Rapport authors
#
# This program is free software: you can redistribute it and/or modify it under the terms of the
# GNU General Public License as published by the Free Software Foundation, either version 3 of the
# License, or (at your option) any later version.
#
# This program is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without
# even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the GNU
# General Public License for more details.
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reads an iCalendar file the way a calendar app would (python3-icalendar) and checks its events.

Usage: check-ics.py FILE EXPECTATIONS

EXPECTATIONS is JSON:
  {
    "count": 3,                                  # how many VEVENTs (optional)
    "timezones": ["America/New_York"],           # VTIMEZONEs that must be there and usable
    "events": [
      {"summary": "Coffee",                      # found by SUMMARY
       "dtstart": "2026-12-03T12:30:00",         # wall-clock time of DTSTART
       "tzid": "America/New_York",               # its TZID, or null for a UTC time
       "utc": "2026-12-03T17:30:00Z",            # the instant, through the file's VTIMEZONE
       "rrule": "FREQ=WEEKLY;BYDAY=TH"}          # "" when it must not repeat (optional)
    ],
    "absent": ["Done already"]                   # summaries that must not be there
  }

Prints TAP; a missing python3-icalendar is a skip, not a failure.
"""

import datetime
import json
import sys

results = []


def check(ok, description, diagnostic=None):
    results.append((bool(ok), description, diagnostic))
    return ok


def finish():
    print('1..%d' % len(results))
    for number, (ok, description, diagnostic) in enumerate(results, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', number, description))
        if not ok and diagnostic is not None:
            for line in str(diagnostic).splitlines():
                print('# ' + line)
    sys.exit(0 if all(ok for ok, _, _ in results) else 1)


def parse_utc(text):
    return datetime.datetime.strptime(text, '%Y-%m-%dT%H:%M:%SZ').replace(
        tzinfo=datetime.timezone.utc)


def check_event(event, expected, zones):
    from icalendar.prop import vRecur

    summary = expected['summary']
    start = event.get('DTSTART')
    if not check(start is not None, '%r has a DTSTART' % summary):
        return

    value = start.dt
    tzid = start.params.get('TZID')
    if 'tzid' in expected:
        check(tzid == expected['tzid'], '%r DTSTART has TZID %r' % (summary, expected['tzid']),
              'got %r' % tzid)

    naive = value.replace(tzinfo=None)
    if 'dtstart' in expected:
        check(naive.isoformat() == expected['dtstart'],
              '%r starts at %s' % (summary, expected['dtstart']), 'got %s' % naive.isoformat())

    if 'utc' in expected:
        if tzid is not None:
            zone = zones.get(tzid)
            if check(zone is not None, '%r has a VTIMEZONE for %s' % (summary, tzid)):
                instant = zone.localize(naive).astimezone(datetime.timezone.utc)
                check(instant == parse_utc(expected['utc']),
                      '%r is %s through the VTIMEZONE' % (summary, expected['utc']),
                      'got %s' % instant.isoformat())
        else:
            check(value.tzinfo is not None and value.utcoffset() == datetime.timedelta(0),
                  '%r DTSTART is in UTC' % summary, 'got %r' % value)
            check(value.astimezone(datetime.timezone.utc) == parse_utc(expected['utc']),
                  '%r is %s' % (summary, expected['utc']), 'got %s' % value.isoformat())

    if 'rrule' in expected:
        rule = event.get('RRULE')
        if expected['rrule'] == '':
            check(rule is None, '%r does not repeat' % summary,
                  'got %r' % (rule.to_ical() if rule is not None else None))
        else:
            wanted = vRecur.from_ical(expected['rrule'])
            check(rule is not None and dict(rule) == dict(wanted),
                  '%r repeats %s' % (summary, expected['rrule']),
                  'got %r' % (rule.to_ical() if rule is not None else None))


def main():
    if len(sys.argv) != 3:
        print('Usage: check-ics.py FILE EXPECTATIONS', file=sys.stderr)
        sys.exit(2)

    try:
        import icalendar
    except ImportError:
        print('1..0 # SKIP python3-icalendar is not installed')
        sys.exit(0)

    expectations = json.loads(sys.argv[2])

    with open(sys.argv[1], 'rb') as stream:
        data = stream.read()

    try:
        calendar = icalendar.Calendar.from_ical(data)
    except Exception as error:
        check(False, 'the file parses', error)
        finish()

    check(True, 'the file parses')
    check(calendar.name == 'VCALENDAR', 'it is a VCALENDAR', calendar.name)
    check(str(calendar.get('VERSION')) == '2.0', 'VERSION is 2.0', calendar.get('VERSION'))
    check(str(calendar.get('PRODID', '')).startswith('-//Rapport//'), 'PRODID names Rapport',
          calendar.get('PRODID'))

    zones = {}
    for component in calendar.walk('VTIMEZONE'):
        tzid = str(component.get('TZID'))
        try:
            zones[tzid] = component.to_tz()
        except Exception as error:
            check(False, 'VTIMEZONE %s is usable' % tzid, error)
    for tzid in expectations.get('timezones', []):
        check(tzid in zones, 'VTIMEZONE %s is there and usable' % tzid, sorted(zones))

    events = calendar.walk('VEVENT')
    if 'count' in expectations:
        check(len(events) == expectations['count'], '%d events' % expectations['count'],
              'got %d' % len(events))

    uids = [str(event.get('UID')) for event in events]
    check(len(set(uids)) == len(uids), 'every UID is unique', uids)
    for event in events:
        missing = [name for name in ('UID', 'DTSTAMP', 'DTSTART', 'DURATION', 'SUMMARY')
                   if event.get(name) is None]
        check(not missing, 'event %s has UID, DTSTAMP, DTSTART, DURATION and SUMMARY'
              % event.get('UID'), missing)

    by_summary = {}
    for event in events:
        by_summary.setdefault(str(event.get('SUMMARY')), []).append(event)

    for expected in expectations.get('events', []):
        found = by_summary.get(expected['summary'], [])
        if check(len(found) == 1, 'one event %r' % expected['summary'],
                 'found %d; summaries: %r' % (len(found), sorted(by_summary))):
            check_event(found[0], expected, zones)

    for summary in expectations.get('absent', []):
        check(summary not in by_summary, 'no event %r' % summary)

    finish()


if __name__ == '__main__':
    main()
