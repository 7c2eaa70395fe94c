/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_REPORT_JUNIT_H
#define OH_REPORT_JUNIT_H

/*
 * The frame every JUnit XML writer of src/report/ shares: a libxml2 text
 * writer into memory, indented, UTF-8, with the <testsuites> element
 * open; at the end the document is closed and written out.  Attribute
 * and text values go through report_junit_text(), which drops the
 * control characters XML 1.0 cannot carry.
 *
 * The shape is the intersection of the two schemas CI servers check
 * JUnit against (facts in tests/data/junit/): Jenkins' junit-10.xsd and
 * the Ant schema (JUnit.xsd of Ant's XML report format), which is the
 * stricter one:
 *
 *   <testsuites>                      no attributes (Ant allows none)
 *     <testsuite name tests failures errors skipped time timestamp
 *                hostname package id>
 *       <properties> <property name value/>* </properties>   always
 *       <testcase classname name time>                         0..n
 *         at most one of <failure type message>, <error type message>,
 *         <skipped message>
 *       </testcase>
 *       <system-out>...</system-out> <system-err/>             always
 *
 * timestamp is UTC without a zone (YYYY-MM-DDTHH:MM:SS), hostname is
 * "localhost" (osshealth does not publish the machine's name), times are
 * "0" (checks are not timed), package is the writer's package
 * ("osshealth.dco", ...), ids count from 0.  Writers never start these
 * elements themselves: they call the functions below.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <libxml/xmlwriter.h>

struct oh_buf;

struct report_junit {
	xmlBufferPtr xb;    /* the document */
	xmlTextWriterPtr w; /* write here */
	char package[64];   /* testsuite package attribute */
	char timestamp[24]; /* testsuite timestamp attribute */
	unsigned next_id;   /* id of the next testsuite */
};

/**
 * Open the document and <testsuites>.  `package` names the writer
 * ("osshealth.dco"); `when` (Unix time, UTC) is every suite's timestamp,
 * 0 for oh_now().
 */
void report_junit_begin(struct report_junit *j, const char *package,
			int64_t when);

/** Close <testsuites> and the document, write it to fp, free j. */
void report_junit_end(struct report_junit *j, FILE *fp);

/**
 * Open a <testsuite> with every attribute both schemas want and its
 * <properties>: `props` is NULL or a NULL-terminated list of name,
 * value pairs (a NULL value is written as "").  Close the suite with
 * report_junit_suite_end().
 */
void report_junit_suite(struct report_junit *j, struct oh_buf *tmp,
			const char *name, size_t tests, size_t failures,
			size_t errors, size_t skipped,
			const char *const *props);

/**
 * Write <system-out> (`out`, may be NULL: empty) and <system-err/> and
 * close the suite.
 */
void report_junit_suite_end(struct report_junit *j, struct oh_buf *tmp,
			    const char *out);

/**
 * A <testcase classname name> with, when `failure` is not NULL, a
 * <failure type message> whose body is `body` (readable text: what
 * failed, the evidence, how to fix it; may be NULL); `type` NULL is
 * written as "failure".  Closed before returning.
 */
void report_junit_case(struct report_junit *j, struct oh_buf *tmp,
		       const char *classname, const char *name,
		       const char *type, const char *failure, const char *body);

/** A <testcase> in <error type message> (the check could not run). */
void report_junit_error(struct report_junit *j, struct oh_buf *tmp,
			const char *classname, const char *name,
			const char *type, const char *message,
			const char *body);

/** A <testcase> with <skipped message> (not applicable, unknown). */
void report_junit_skipped(struct report_junit *j, struct oh_buf *tmp,
			  const char *classname, const char *name,
			  const char *message);

/** An attribute holding a count. */
void report_junit_count(xmlTextWriterPtr w, const char *attr, size_t n);

/** s (NULL: "") made XML-safe in tmp (report_xml_safe()), for libxml2. */
const xmlChar *report_junit_text(struct oh_buf *tmp, const char *s);

#endif /* OH_REPORT_JUNIT_H */
