package dev.crmmirror.config;

import dev.crmmirror.mapping.MappingLoader;
import dev.crmmirror.mapping.ModuleMapping;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Map;

/** The mappings of the modules this process syncs, loaded and checked once at start-up. */
@Component
public class ModuleMappings {

    private final Map<String, ModuleMapping> byModule;

    public ModuleMappings(MirrorProperties props) {
        this.byModule = MappingLoader.load(props.mappingsDir(), props.activeModules());
    }

    public ModuleMapping get(String module) {
        ModuleMapping m = byModule.get(module);
        if (m == null) {
            throw new IllegalArgumentException("module " + module + " is not configured (configured: " + byModule.keySet() + ")");
        }
        return m;
    }

    public Collection<ModuleMapping> all() {
        return byModule.values();
    }
}
