public enum Descriptive {}
