package io.reactiveorm.spring.boot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.reactiveorm.relation.Ref;
import io.reactiveorm.relation.RefList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes entities with relations as a client expects, without ever loading anything: a loaded
 * {@link Ref} as the nested entity, an unloaded one as its id (a {@code Ref} to nothing as
 * {@code null}); a loaded {@link RefList} as an array, an unloaded one not at all. A relation that
 * leads back to an entity being written (a comment's post, inside that post) is written as its
 * id, so that cycles end.
 *
 * <pre>{@code
 * new ObjectMapper().registerModule(new ReactiveOrmJacksonModule());
 * // {"id":7,"title":"Hello","author":{"id":1,"name":"Ada"},"tags":[{"id":3,"name":"java"}]}
 * // {"id":7,"title":"Hello","author":1}        (nothing loaded with the query)
 * }</pre>
 *
 * <p>Spring Boot registers it with its ObjectMapper through the reactive-orm auto-configuration.
 * Relations are loaded by the query ({@code with(...)}) before serialization: serializing runs
 * after the session's work, on whatever thread writes the response, and must not do I/O.
 */
public final class ReactiveOrmJacksonModule extends SimpleModule {

  private static final long serialVersionUID = 1L;

  public ReactiveOrmJacksonModule() {
    super("reactive-orm");
    addSerializer(new RefSerializer());
    addSerializer(new RefListSerializer());
    setSerializerModifier(new SkipUnloadedLists());
  }

  /** Whether {@code target} is an object being written further up, to end cycles. */
  static boolean isBeingWritten(JsonGenerator generator, Object target) {
    for (JsonStreamContext context = generator.getOutputContext(); context != null;
        context = context.getParent()) {
      if (context.getCurrentValue() == target) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  static final class RefSerializer extends StdSerializer<Ref> {

    private static final long serialVersionUID = 1L;

    RefSerializer() {
      super(Ref.class);
    }

    @Override
    public void serialize(Ref ref, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      if (!ref.isLoaded()) {
        provider.defaultSerializeValue(ref.id(), generator);
        return;
      }
      Object target = ref.get();
      if (target == null) {
        generator.writeNull();
      } else if (isBeingWritten(generator, target)) {
        provider.defaultSerializeValue(ref.id(), generator);
      } else {
        provider.defaultSerializeValue(target, generator);
      }
    }
  }

  @SuppressWarnings("rawtypes")
  static final class RefListSerializer extends StdSerializer<RefList> {

    private static final long serialVersionUID = 1L;

    RefListSerializer() {
      super(RefList.class);
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, RefList value) {
      return value == null || !value.isLoaded();
    }

    @Override
    public void serialize(RefList list, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      if (!list.isLoaded()) {
        // only reached where the property could not be left out (a list of lists, a map)
        generator.writeNull();
        return;
      }
      generator.writeStartArray(list);
      for (Object element : list.get()) {
        provider.defaultSerializeValue(element, generator);
      }
      generator.writeEndArray();
    }
  }

  /** Leaves unloaded RefList properties out of the object, whatever the inclusion settings. */
  static final class SkipUnloadedLists extends BeanSerializerModifier {

    private static final long serialVersionUID = 1L;

    @Override
    public List<BeanPropertyWriter> changeProperties(SerializationConfig config,
        BeanDescription description, List<BeanPropertyWriter> properties) {
      List<BeanPropertyWriter> changed = new ArrayList<>(properties.size());
      for (BeanPropertyWriter property : properties) {
        changed.add(RefList.class.isAssignableFrom(property.getType().getRawClass())
            ? new LoadedOnly(property) : property);
      }
      return changed;
    }
  }

  static final class LoadedOnly extends BeanPropertyWriter {

    private static final long serialVersionUID = 1L;

    LoadedOnly(BeanPropertyWriter base) {
      super(base);
    }

    private LoadedOnly(BeanPropertyWriter base, PropertyName name) {
      super(base, name);
    }

    @Override
    protected BeanPropertyWriter _new(PropertyName name) {
      return new LoadedOnly(this, name);
    }

    @Override
    public void serializeAsField(Object bean, JsonGenerator generator, SerializerProvider provider)
        throws Exception {
      if (get(bean) instanceof RefList<?> list && !list.isLoaded()) {
        return;
      }
      super.serializeAsField(bean, generator, provider);
    }
  }
}
