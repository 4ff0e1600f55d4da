public enum SPCPlaceholder {}
