/**
 * The GRRM protocol (docs/protocol.md): the exact prompt sent to the judge (section 3), the shape
 * of what it answers (section 4) and how that answer is parsed into scores, with upstream's verdict
 * and ours kept apart (section 5). Pure functions, no I/O, safe to call from many threads.
 */
package org.grrmspark.udf.protocol;
