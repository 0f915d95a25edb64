package io.socketeer.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSON the user types: one value, or several separated by white space. */
final class JsonValues {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private JsonValues() {}

  /** Parses exactly one JSON value. */
  static JsonNode one(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  /**
   * Parses the event arguments of {@code --emit}: a JSON array is the argument list, any other
   * value is the only argument.
   */
  static List<JsonNode> argumentList(String text) throws JsonProcessingException {
    JsonNode node = one(text);
    List<JsonNode> args = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(args::add);
    } else {
      args.add(node);
    }
    return args;
  }

  /** Parses a sequence of JSON values separated by white space (each one argument). */
  static List<JsonNode> sequence(String text) throws IOException {
    List<JsonNode> values = new ArrayList<>();
    JsonParser parser = MAPPER.getFactory().createParser(text);
    try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(parser)) {
      while (it.hasNextValue()) {
        values.add(it.nextValue());
      }
    }
    return values;
  }
}
