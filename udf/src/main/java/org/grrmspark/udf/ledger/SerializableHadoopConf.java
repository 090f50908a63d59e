package org.grrmspark.udf.ledger;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * A Hadoop {@link Configuration} that travels with a task (it is {@code Writable}, not {@code
 * Serializable}): executors open the ledger's file system with the driver's settings, S3A endpoint
 * and credential providers included. Never printed.
 */
public final class SerializableHadoopConf implements Serializable {
  private transient Configuration value;

  public SerializableHadoopConf(Configuration value) {
    this.value = value;
  }

  public Configuration get() {
    return value;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    value.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    value = new Configuration(false);
    value.readFields(in);
  }
}
