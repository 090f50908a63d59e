package org.grrmspark.udf.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;

/**
 * A valid row's (group_id, passthrough JSON) as one JSON object, for Spark's JSON reader to type.
 */
public final class PassthroughJson implements MapFunction<Row, String> {
  /**
   * The group id's key in the JSON object, a name no input column takes (checked on the driver).
   */
  public static final String GROUP = "__grrm_group_id";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String call(Row r) throws Exception {
    ObjectNode o =
        r.isNullAt(1) ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(r.getString(1));
    o.put(GROUP, r.getString(0));
    return o.toString();
  }
}
