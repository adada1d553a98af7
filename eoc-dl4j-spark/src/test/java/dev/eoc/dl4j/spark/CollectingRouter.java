package dev.eoc.dl4j.spark;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;

/** A router that keeps what it is given, as DL4J's worker-side router does. */
final class CollectingRouter implements StatsStorageRouter {

    final List<Persistable> updates = new ArrayList<>();
    final List<Object> other = new ArrayList<>();

    @Override
    public void putStorageMetaData(StorageMetaData m) {
        other.add(m);
    }

    @Override
    public void putStorageMetaData(Collection<? extends StorageMetaData> m) {
        other.addAll(m);
    }

    @Override
    public void putStaticInfo(Persistable p) {
        other.add(p);
    }

    @Override
    public void putStaticInfo(Collection<? extends Persistable> p) {
        other.addAll(p);
    }

    @Override
    public void putUpdate(Persistable p) {
        updates.add(p);
    }

    @Override
    public void putUpdate(Collection<? extends Persistable> p) {
        updates.addAll(p);
    }
}
