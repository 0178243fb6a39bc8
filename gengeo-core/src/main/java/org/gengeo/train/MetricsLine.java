package org.gengeo.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Map;
import org.gengeo.core.io.Json;

/**
 * One line of {@code metrics.jsonl}: the state of training at an evaluation point. Losses are the
 * mean data loss (no weight decay) over the whole training / test set with dropout off;
 * {@code batch_loss} is the mean of the minibatch losses since the previous line. With
 * {@code --coherence-every K}, lines at multiples of K also carry the m-coherence of the per-example
 * gradients on the fixed coherence sample, in total and per layer (absent otherwise); under label
 * noise also {@code coherence_groups}, the pristine and corrupt examples' shares of the step
 * f_p = &lt;g, g_p&gt; / ||g||^2 (they sum to 1) and the m-coherence within each group.
 *
 * <p>A number that is not finite (a loss that diverged to NaN or infinity, an undefined coherence)
 * is written as JSON {@code null}, which every JSON reader accepts, and read back as NaN (a boxed
 * field: absent). Files written before this rule, with the strings {@code "NaN"} or
 * {@code "Infinity"}, are still read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsLine(long step, int epoch, double trainLoss, double trainAcc, double testLoss,
                          double testAcc, double batchLoss, double lr, double wallS, Double coherence,
                          Map<String, Double> coherenceLayers, Map<String, GroupCoherence> coherenceGroups) {

    private static final ObjectMapper JSON = Json.MAPPER.copy().registerModule(new SimpleModule("metrics-jsonl")
            .addSerializer(Double.class, new NonFiniteAsNull())
            .addSerializer(Double.TYPE, new NonFiniteAsNull())
            .addDeserializer(Double.TYPE, new NullAsNaN()));

    /** This line as one line of JSON (no newline). */
    public String toJsonLine() {
        return Json.line(JSON, this);
    }

    /** Parses one line of metrics.jsonl; a malformed line is a one-line error naming {@code source}. */
    public static MetricsLine parse(String line, String source) {
        return Json.parse(JSON, line, MetricsLine.class, source);
    }

    private static final class NonFiniteAsNull extends StdSerializer<Double> {
        NonFiniteAsNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double v, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Double.isFinite(v)) {
                gen.writeNumber(v);
            } else {
                gen.writeNull();
            }
        }
    }

    private static final class NullAsNaN extends StdDeserializer<Double> {
        NullAsNaN() {
            super(Double.TYPE);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                try {
                    return Double.parseDouble(p.getText().trim());
                } catch (NumberFormatException e) {
                    return (Double) ctxt.handleWeirdStringValue(Double.TYPE, p.getText(), "not a number");
                }
            }
            return p.getDoubleValue();
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }
    }

    /** A group of the coherence sample: its size, its share f_p of the step, and its own m-coherence. */
    public record GroupCoherence(int examples, double stepShare, double mCoherence) {}
}
