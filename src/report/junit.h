/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_REPORT_JUNIT_H
#define OH_REPORT_JUNIT_H

/*
 * The frame every JUnit XML writer of src/report/ shares: a libxml2 text
 * writer into memory, indented, UTF-8, with the <testsuites> element
 * open; at the end the document is closed and written out.  Attribute
 * and text values go through report_junit_text(), which drops the
 * control characters XML 1.0 cannot carry.
 */

#include <stddef.h>
#include <stdio.h>

#include <libxml/xmlwriter.h>

struct oh_buf;

struct report_junit {
	xmlBufferPtr xb;    /* the document */
	xmlTextWriterPtr w; /* write here */
};

/** Open the document and <testsuites> (with name="NAME" unless NULL). */
void report_junit_begin(struct report_junit *j, const char *name);

/** Close <testsuites> and the document, write it to fp, free j. */
void report_junit_end(struct report_junit *j, FILE *fp);

/**
 * Open a <testsuite> with every attribute the common schemas require
 * (Jenkins junit-10.xsd: name, tests, failures, errors; skipped too).
 * Close it with xmlTextWriterEndElement().
 */
void report_junit_suite(struct report_junit *j, struct oh_buf *tmp,
			const char *name, size_t tests, size_t failures,
			size_t errors, size_t skipped);

/**
 * A <testcase classname name> with, when `failure` is not NULL, a
 * <failure type message> whose body is `body` (readable text: what
 * failed, the evidence, how to fix it); closed before returning.
 */
void report_junit_case(struct report_junit *j, struct oh_buf *tmp,
		       const char *classname, const char *name,
		       const char *type, const char *failure, const char *body);

/** An attribute holding a count. */
void report_junit_count(xmlTextWriterPtr w, const char *attr, size_t n);

/** s (NULL: "") made XML-safe in tmp (report_xml_safe()), for libxml2. */
const xmlChar *report_junit_text(struct oh_buf *tmp, const char *s);

#endif /* OH_REPORT_JUNIT_H */
