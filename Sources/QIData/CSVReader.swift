public enum CSVPlaceholder {}
