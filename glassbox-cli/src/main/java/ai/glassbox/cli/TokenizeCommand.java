package ai.glassbox.cli;

import ai.glassbox.engine.gguf.GgufFile;
import ai.glassbox.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "tokenize",
        description = "Print the token ids of a text, separated by spaces. By default no BOS is added and special tokens are not parsed (as llama.cpp's tokenizer tests do).")
final class TokenizeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "GGUF model or vocabulary file")
    Path model;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TEXT", description = "text to tokenize")
    String text;

    @Option(names = "--file", paramLabel = "F", description = "read the text from a file (UTF-8)")
    Path file;

    @Option(names = "--bos", description = "add BOS (and EOS) as the vocabulary asks")
    boolean bos;

    @Option(names = "--special", description = "parse special tokens written in the text")
    boolean special;

    @Option(names = "--pieces", description = "print id and piece, one token per line")
    boolean pieces;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if ((text == null) == (file == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either TEXT or --file F");
        }
        String input = file != null ? Files.readString(file) : text;
        PrintWriter out = spec.commandLine().getOut();
        try (GgufFile f = GgufFile.open(model)) {
            Tokenizer tokenizer = Tokenizer.fromGguf(f.metadata());
            int[] ids = tokenizer.encode(input, bos, special);
            if (pieces) {
                for (int id : ids) out.printf("%d\t%s%n", id, tokenizer.piece(id));
            } else {
                var line = new StringJoiner(" ");
                for (int id : ids) line.add(Integer.toString(id));
                out.println(line);
            }
        }
        return ExitCodes.OK;
    }
}
